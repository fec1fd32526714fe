import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { ActiveFilters } from "@/components/ui/ActiveFilters";
import { useLeaseTenantFilters } from "@/components/ui/lease-tenant-filters";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useSearchParamState } from "@/lib/hooks/use-search-param";
import { PROOF_STATUSES, useProofs } from "../api/list-proofs";
import { statusFilter } from "./proof-filters";
import { ProofsTable } from "./ProofsTable";

/**
 * /transfer-proofs?status=&lease_id=&tenant_id=: the proofs tenants sent, oldest first. By default
 * the review queue — what waits for someone to look for the money on the trust account.
 */
export function TransferProofsPage() {
  const { t } = useTranslation();
  const [statusParam, setStatus] = useSearchParamState("status");
  const { leaseId, tenantId, filters: fromAddress } = useLeaseTenantFilters();
  const status = statusFilter(statusParam);
  const list = useProofs({ status, leaseId, tenantId });
  const tableRef = useRef<HTMLTableElement>(null);
  const queueOnly = status === "submitted" && leaseId === "" && tenantId === "";

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("transferProofs.title")}</PageHeading>
      </div>
      <p className="muted">{t("transferProofs.intro")}</p>
      <ActiveFilters filters={fromAddress} />
      <search className="filters" aria-label={t("transferProofs.filters.label")}>
        <SelectField
          label={t("transferProofs.filters.status")}
          name="status"
          value={status === "" ? "all" : status}
          onChange={(event) => {
            setStatus(event.target.value === "submitted" ? "" : event.target.value);
          }}
        >
          {PROOF_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`transferProofs.status.${value}`)}
            </option>
          ))}
          <option value="all">{t("transferProofs.filters.all")}</option>
        </SelectField>
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{queueOnly ? t("transferProofs.empty.submitted") : t("transferProofs.empty.filtered")}</p>
      ) : (
        <>
          <ProofsTable ref={tableRef} proofs={list.items} caption={t("transferProofs.title")} busy={list.isPlaceholderData} />
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}
