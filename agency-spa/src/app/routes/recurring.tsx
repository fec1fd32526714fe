import { useParams } from "react-router";
import { RecurringDetailPage } from "@/features/recurring/components/RecurringDetailPage";
import { RecurringListPage } from "@/features/recurring/components/RecurringListPage";

/** /recurring-payments (?status=&attention=1) */
export function RecurringPaymentsRoute() {
  return <RecurringListPage />;
}

/** /recurring-payments/:setupId */
export function RecurringPaymentDetailRoute() {
  const { setupId = "" } = useParams();
  return <RecurringDetailPage key={setupId} setupId={setupId} />;
}
