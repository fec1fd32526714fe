import { useRef, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { useConversations, type Conversation, type ConversationsParams } from "../api/messages";

function InboxTable({ conversations, busy, ref }: { conversations: Conversation[]; busy: boolean; ref: Ref<HTMLTableElement> }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{t("messages.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("messages.fields.subject")}</th>
            <th scope="col">{t("messages.fields.tenant")}</th>
            <th scope="col">{t("messages.fields.home")}</th>
            <th scope="col">{t("messages.fields.lastMessage")}</th>
            <th scope="col">{t("messages.fields.status")}</th>
          </tr>
        </thead>
        <tbody>
          {conversations.map((conversation) => {
            const last = conversation.last_message;
            return (
              <tr key={conversation.id} className={conversation.unread > 0 ? "row--unread" : undefined}>
                <th scope="row">
                  <Link to={`/messages/${conversation.id}`}>{conversation.subject}</Link>
                  {conversation.unread > 0 && (
                    <>
                      {" "}
                      <span className="badge badge--unread">{t("messages.unreadCount", { count: conversation.unread })}</span>
                    </>
                  )}
                </th>
                <td>
                  <Link to={`/tenants/${conversation.tenant_id}`}>{conversation.tenant_name}</Link>
                </td>
                <td>
                  <Link to={`/leases/${conversation.lease_id}`}>
                    {conversation.unit_name} · {conversation.property_name}
                  </Link>
                </td>
                <td>
                  <span className="muted">{dates.instant(conversation.last_message_at)}</span>
                  {last !== null && (
                    <span className="inbox-preview">
                      {last.author === "tenant" ? conversation.tenant_name : t("messages.agency")}: {last.preview}
                    </span>
                  )}
                </td>
                <td>{conversation.status === "open" ? t("messages.status.open") : t("messages.status.closed")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function statusFilter(value: string): ConversationsParams["status"] {
  return value === "open" || value === "closed" ? value : "";
}

/**
 * /messages?show=unread&status=&lease_id=&tenant_id=&q=: every conversation with tenants, latest
 * activity first; the search reads subjects and every message.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const [show, setShow] = useSearchParamState("show");
  const [status, setStatus] = useSearchParamState("status");
  const [leaseId] = useSearchParamState("lease_id");
  const [tenantId] = useSearchParamState("tenant_id");
  const search = useDebouncedSearchParam("q");
  const list = useConversations({ show: show === "unread" ? "unread" : "", status: statusFilter(status), leaseId, tenantId, q: search.value });
  const tableRef = useRef<HTMLTableElement>(null);

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("messages.title")}</PageHeading>
      </div>
      <p className="muted">{t("messages.intro")}</p>
      {(leaseId !== "" || tenantId !== "") && (
        <p>
          {t(leaseId !== "" ? "messages.filteredByLease" : "messages.filteredByTenant")} <Link to="/messages">{t("messages.showAll")}</Link>
        </p>
      )}
      <search className="filters" aria-label={t("messages.filters.label")}>
        <TextField
          label={t("messages.filters.search")}
          hint={t("messages.filters.searchHint")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
        <FilterSelect
          label={t("messages.filters.show")}
          name="show"
          value={show === "unread" ? "unread" : ""}
          anyLabel={t("messages.filters.all")}
          options={[{ value: "unread", label: t("messages.filters.unread") }]}
          onChange={setShow}
        />
        <FilterSelect
          label={t("messages.filters.status")}
          name="status"
          value={statusFilter(status)}
          anyLabel={t("messages.filters.anyStatus")}
          options={[
            { value: "open", label: t("messages.status.open") },
            { value: "closed", label: t("messages.status.closed") },
          ]}
          onChange={setStatus}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{t("messages.empty")}</p>
      ) : (
        <>
          <InboxTable ref={tableRef} conversations={list.items} busy={list.isPlaceholderData} />
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}
