import { useParams } from "react-router";
import { InvoiceDetailPage } from "@/features/invoices/components/InvoiceDetailPage";
import { InvoicesListPage } from "@/features/invoices/components/InvoicesListPage";
import { NewInvoicePage } from "@/features/invoices/components/NewInvoicePage";

/** /invoices (?state=&overdue=&property_id=&due_from=&due_to=&lease_id=&tenant_id=) */
export function InvoicesRoute() {
  return <InvoicesListPage />;
}

/** /invoices/new (?lease_id= pre-selects the lease) */
export function NewInvoiceRoute() {
  return <NewInvoicePage />;
}

/** /invoices/:invoiceId */
export function InvoiceDetailRoute() {
  const { invoiceId = "" } = useParams();
  return <InvoiceDetailPage key={invoiceId} invoiceId={invoiceId} />;
}
