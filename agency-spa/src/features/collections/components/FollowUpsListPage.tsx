import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useSearchParamState } from "@/lib/hooks/use-search-param";
import { useLocale } from "@/lib/i18n/use-locale";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { useFollowUps, type FollowUpsParams } from "../api/list-follow-ups";
import { CollectionsNav } from "./CollectionsNav";
import { FollowUpStateBadge } from "./FollowUpStateBadge";
import { TenantFilter } from "./TenantFilter";

/** Every follow-up sent, newest first, with what came of it; the reviewers' queue is one filter away. */
export function FollowUpsListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const [leaseId, setLeaseId] = useSearchParamState("lease_id");
  const [tenantId, setTenantId] = useSearchParamState("tenant_id");
  const [reviewParam, setReview] = useSearchParamState("awaiting_review");
  const awaitingReview: FollowUpsParams["awaitingReview"] = reviewParam === "true" || reviewParam === "false" ? reviewParam : "";
  const list = useFollowUps({ leaseId, tenantId, awaitingReview });
  const lease = useLeaseLookup(leaseId);
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered = leaseId !== "" || tenantId !== "" || awaitingReview !== "";

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("collections.followUps.title")}</PageHeading>
      </div>
      <CollectionsNav />
      <search className="filters" aria-label={t("collections.filters.label")}>
        <FilterSelect
          label={t("collections.followUps.stateFilter")}
          name="awaiting_review"
          value={awaitingReview}
          anyLabel={t("collections.followUps.all")}
          options={[{ value: "true", label: t("collections.followUps.awaitingReview") }, { value: "false", label: t("collections.followUps.notAwaiting") }]}
          onChange={setReview}
        />
        <TenantFilter tenantId={tenantId} onChange={setTenantId} />
        {leaseId !== "" && (
          <div className="field">
            <span className="field__label">{t("collections.followUps.leaseFilter")}</span>
            <p className="tenant-filter__chosen">
              <Link to={`/leases/${leaseId}`}>
                {lease.data === undefined ? t("app.loading") : `${lease.data.unit.name} · ${lease.data.unit.property_name}`}
              </Link>
              <Button
                variant="secondary"
                className="button--small"
                onClick={() => {
                  setLeaseId("");
                }}
              >
                {t("collections.followUps.allLeases")}
              </Button>
            </p>
          </div>
        )}
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("collections.followUps.noMatch") : t("collections.followUps.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{t("collections.followUps.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("collections.followUps.sent")}</th>
                  <th scope="col">{t("collections.followUp.subject")}</th>
                  <th scope="col">{t("collections.followUp.recipients")}</th>
                  <th scope="col" className="table__number">
                    {t("collections.followUp.overdueThen")}
                  </th>
                  <th scope="col">{t("collections.followUp.outcome")}</th>
                  <th scope="col">{t("collections.followUps.state")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((followUp) => (
                  <tr key={followUp.id}>
                    <th scope="row">
                      <Link to={`/collections/follow-ups/${followUp.id}`}>{dates.instant(followUp.sent_at)}</Link>
                      <span className="table__sub muted">{t("collections.followUps.by", { name: followUp.sent_by_name })}</span>
                    </th>
                    <td>{followUp.subject}</td>
                    <td>{followUp.recipients.map((recipient) => recipient.name).join(", ")}</td>
                    <td className="table__number">{formatMoney(followUp.overdue_total, followUp.currency, locale)}</td>
                    <td>{followUp.outcome === null ? "—" : t(`collections.outcomes.${followUp.outcome}`)}</td>
                    <td>
                      <FollowUpStateBadge followUp={followUp} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}
