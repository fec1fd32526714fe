import { useParams } from "react-router";
import { RecurringDetailPage } from "@/features/recurring/components/RecurringDetailPage";
import { RecurringListPage } from "@/features/recurring/components/RecurringListPage";
import { ReminderSettingsPage } from "@/features/settings/components/ReminderSettingsPage";

/** /recurring-payments (?status=&attention=1) */
export function RecurringPaymentsRoute() {
  return <RecurringListPage />;
}

/** /recurring-payments/:setupId */
export function RecurringPaymentDetailRoute() {
  const { setupId = "" } = useParams();
  return <RecurringDetailPage key={setupId} setupId={setupId} />;
}

/** /settings */
export function SettingsRoute() {
  return <ReminderSettingsPage />;
}
