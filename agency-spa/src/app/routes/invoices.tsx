import { useParams } from "react-router";
import { InvoiceDetailPage } from "@/features/invoices/components/InvoiceDetailPage";
import { InvoicesListPage } from "@/features/invoices/components/InvoicesListPage";
import { NewInvoicePage } from "@/features/invoices/components/NewInvoicePage";
import { InvoicePendingProofs } from "@/features/transfer-proofs/components/PendingProofs";

/** /invoices (?state=&overdue=&property_id=&due_from=&due_to=&lease_id=&tenant_id=) */
export function InvoicesRoute() {
  return <InvoicesListPage />;
}

/** /invoices/new (?lease_id= pre-selects the lease) */
export function NewInvoiceRoute() {
  return <NewInvoicePage />;
}

/** /invoices/:invoiceId — with the transfer proofs naming it that wait for review (transfer-proofs feature) composed in. */
export function InvoiceDetailRoute() {
  const { invoiceId = "" } = useParams();
  return (
    <InvoiceDetailPage
      key={invoiceId}
      invoiceId={invoiceId}
      pendingProofs={(invoice) =>
        invoice.state === "open" || invoice.state === "partially_paid" ? <InvoicePendingProofs invoiceId={invoice.id} leaseId={invoice.lease_id} /> : null
      }
    />
  );
}
