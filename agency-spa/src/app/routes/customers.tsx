import { useParams } from "react-router";
import { CustomersListPage } from "@/features/onboarding/components/CustomersListPage";
import { FlowsPage } from "@/features/onboarding/components/FlowsPage";
import { InviteDetailPage } from "@/features/onboarding/components/InviteDetailPage";
import { InvitesPage } from "@/features/onboarding/components/InvitesPage";
import { NewInvitePage } from "@/features/onboarding/components/NewInvitePage";
import { TasksPage } from "@/features/onboarding/components/TasksPage";

/** /customers/invites — seed 001's Onboarding Invites tab. */
export function InvitesRoute() {
  return <InvitesPage />;
}

/** /customers/invites/new — "Invite User". */
export function NewInviteRoute() {
  return <NewInvitePage />;
}

/** /customers/invites/:inviteId — an invite with the invitee's progress and answers. */
export function InviteDetailRoute() {
  const { inviteId = "" } = useParams();
  return <InviteDetailPage key={inviteId} inviteId={inviteId} />;
}

/** /customers/registered — seed 001's Customers tab. */
export function CustomersRoute() {
  return <CustomersListPage />;
}

/** /customers/tasks — reusable tasks ("Is Onboarding"). */
export function OnboardingTasksRoute() {
  return <TasksPage />;
}

/** /customers/flows — onboarding flows built from those tasks. */
export function OnboardingFlowsRoute() {
  return <FlowsPage />;
}
