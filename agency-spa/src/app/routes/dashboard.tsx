import { DashboardPage } from "@/features/dashboard/components/DashboardPage";

/** /dashboard: the staff start page. */
export function DashboardRoute() {
  return <DashboardPage />;
}
