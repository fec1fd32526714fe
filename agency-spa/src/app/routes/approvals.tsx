import { ApprovalsPage } from "@/features/approvals/components/ApprovalsPage";

/** /approvals (?status=approved|rejected|all; pending by default) */
export function ApprovalsRoute() {
  return <ApprovalsPage />;
}
