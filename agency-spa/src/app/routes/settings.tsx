import { AgencySection } from "@/features/settings/components/AgencySection";
import { ApprovalThresholdSection } from "@/features/settings/components/ApprovalThresholdSection";
import { FeaturesSection } from "@/features/settings/components/FeaturesSection";
import { ReminderSettingsPage } from "@/features/settings/components/ReminderSettingsPage";
import { TeamSection } from "@/features/settings/components/TeamSection";
import { TrustAccountSection } from "@/features/settings/components/TrustAccountSection";

/** /settings/agency */
export function AgencySettingsRoute() {
  return <AgencySection />;
}

/** /settings/trust-account */
export function TrustAccountSettingsRoute() {
  return <TrustAccountSection />;
}

/** /settings/features */
export function FeatureSettingsRoute() {
  return <FeaturesSection />;
}

/** /settings/approvals */
export function ApprovalSettingsRoute() {
  return <ApprovalThresholdSection />;
}

/** /settings/team */
export function TeamSettingsRoute() {
  return <TeamSection />;
}

/** /settings/reminders */
export function ReminderSettingsRoute() {
  return <ReminderSettingsPage />;
}
