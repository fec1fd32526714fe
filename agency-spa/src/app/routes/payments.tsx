import { useParams } from "react-router";
import { NewPaymentPage } from "@/features/payments/components/NewPaymentPage";
import { PaymentDetailPage } from "@/features/payments/components/PaymentDetailPage";
import { PaymentsListPage } from "@/features/payments/components/PaymentsListPage";

/** /payments (?method=&status=&lease_id=&tenant_id=) */
export function PaymentsRoute() {
  return <PaymentsListPage />;
}

/** /payments/new (?lease_id=&invoice_id=, ?lease_id= or ?tenant_id= pre-select) */
export function NewPaymentRoute() {
  return <NewPaymentPage />;
}

/** /payments/:paymentId */
export function PaymentDetailRoute() {
  const { paymentId = "" } = useParams();
  return <PaymentDetailPage key={paymentId} paymentId={paymentId} />;
}
