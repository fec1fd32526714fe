import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { useInvitesList, type InviteStatus } from "../api/list-invites";
import { CustomersNav } from "./CustomersNav";
import { InviteActions } from "./InviteActions";
import { InviteStatusBadge } from "./InviteStatusBadge";

const INVITE_STATUSES: readonly InviteStatus[] = ["pending", "used", "expired", "cancelled"];

function isInviteStatus(value: string): value is InviteStatus {
  return (INVITE_STATUSES as readonly string[]).includes(value);
}

/** Seed 001's Onboarding Invites tab: search by name or e-mail, filter by status, invite, resend, cancel. */
export function InvitesPage() {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const { can } = useRole();
  const search = useDebouncedSearchParam();
  const [statusParam, setStatus] = useSearchParamState("status");
  const status = isInviteStatus(statusParam) ? statusParam : undefined;
  const list = useInvitesList({ q: search.value, status });
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered = search.value !== "" || status !== undefined;

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("customers.title")}</PageHeading>
        {can("onboarding:write") && (
          <Link className="button button--primary" to="/customers/invites/new">
            {t("customers.invites.new")}
          </Link>
        )}
      </div>
      <CustomersNav />
      <h2>{t("customers.invites.title")}</h2>
      <search className="filters">
        <TextField
          label={t("customers.invites.search")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
        <FilterSelect
          label={t("customers.invites.statusFilter")}
          name="status"
          value={status ?? ""}
          anyLabel={t("customers.invites.statusAny")}
          options={INVITE_STATUSES.map((value) => ({ value, label: t(`customers.invites.status.${value}`) }))}
          onChange={setStatus}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("customers.invites.noMatch") : t("customers.invites.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{t("customers.invites.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("customers.fields.name")}</th>
                  <th scope="col">{t("customers.fields.email")}</th>
                  <th scope="col">{t("customers.fields.flow")}</th>
                  <th scope="col">{t("customers.fields.status")}</th>
                  <th scope="col">{t("customers.fields.progress")}</th>
                  <th scope="col">{t("customers.fields.sent")}</th>
                  <th scope="col">{t("customers.fields.expires")}</th>
                  <th scope="col">{t("customers.fields.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((invite) => (
                  <tr key={invite.id}>
                    <th scope="row">
                      <Link to={`/customers/invites/${invite.id}`}>
                        {invite.first_name} {invite.last_name}
                      </Link>
                    </th>
                    <td>{invite.email}</td>
                    <td>{invite.flow_name}</td>
                    <td>
                      <InviteStatusBadge status={invite.status} />
                    </td>
                    <td>{t("customers.invites.progress", { done: invite.steps_done, total: invite.steps_total })}</td>
                    <td>{dates.date(invite.sent_at)}</td>
                    <td>{dates.date(invite.expires_at)}</td>
                    <td>
                      <InviteActions invite={invite} />
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
