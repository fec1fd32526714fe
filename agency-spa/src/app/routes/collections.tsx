import { useParams } from "react-router";
import { CollectionsPage } from "@/features/collections/components/CollectionsPage";
import { FollowUpDetailPage } from "@/features/collections/components/FollowUpDetailPage";
import { FollowUpsListPage } from "@/features/collections/components/FollowUpsListPage";
import { NewFollowUpPage } from "@/features/collections/components/NewFollowUpPage";
import { OverduePage } from "@/features/collections/components/OverduePage";

/** /collections (?from=&to=&property_id=&tenant_id=&sort=&order=) */
export function CollectionsRoute() {
  return <CollectionsPage />;
}

/** /collections/overdue (?at=&property_id=&tenant_id=&sort=&order=) */
export function OverdueRoute() {
  return <OverduePage />;
}

/** /collections/follow-ups (?lease_id=&tenant_id=&awaiting_review=) */
export function FollowUpsRoute() {
  return <FollowUpsListPage />;
}

/** /collections/follow-ups/new?lease_id= */
export function NewFollowUpRoute() {
  return <NewFollowUpPage />;
}

/** /collections/follow-ups/:followUpId */
export function FollowUpDetailRoute() {
  const { followUpId = "" } = useParams();
  return <FollowUpDetailPage key={followUpId} followUpId={followUpId} />;
}
