import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useMe } from "@/lib/auth/me";
import { useSearchParamState } from "@/lib/hooks/use-search-param";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Decision } from "../api/decide-approval";
import { APPROVAL_STATUSES, useApprovalsList, type Approval } from "../api/list-approvals";
import { useStaffNames } from "../api/staff-names";
import { decisionRight } from "./approval-rules";
import { DecisionDialog } from "./DecisionDialog";

/**
 * /approvals: credit notes, write-offs and refunds above the agency's threshold, waiting for a
 * second person (seed 000: ask the responsible role to review before final approval). Pending
 * ones by default (?status=approved|rejected|all for decided ones). Accountants and owners
 * approve or reject, never their own requests; everyone else sees what waits and why. Each
 * opens the invoice or payment it is about, to check before deciding.
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const { data: me } = useMe();
  const [statusParam, setStatus] = useSearchParamState("status");
  const status = statusParam === "all" ? undefined : (APPROVAL_STATUSES.find((value) => value === statusParam) ?? "pending");
  const list = useApprovalsList(status);
  const staff = useStaffNames();
  const tableRef = useRef<HTMLTableElement>(null);
  const [deciding, setDeciding] = useState<{ approval: Approval; decision: Decision } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const nameOf = (id: string | null) => (id === null ? "—" : (staff.data?.get(id) ?? t("approvals.unknownColleague")));
  const when = (value: string) => dates.instant(value);

  return (
    <>
      <PageHeading>{t("approvals.title")}</PageHeading>
      <p className="muted">
        {t("approvals.intro", { threshold: me === undefined ? "…" : formatMoney(me.agency.settings.approval_threshold, me.agency.currency, locale) })}
      </p>
      <div role="status" ref={noticeRef} tabIndex={-1}>
        {notice !== null && <p className="notice">{notice}</p>}
      </div>
      <search className="filters">
        <SelectField
          label={t("approvals.filter")}
          className="field--single"
          name="status"
          value={status ?? "all"}
          onChange={(event) => {
            setNotice(null);
            setStatus(event.target.value === "pending" ? "" : event.target.value);
          }}
        >
          {APPROVAL_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`approvals.statusFilter.${value}`)}
            </option>
          ))}
          <option value="all">{t("approvals.statusFilter.all")}</option>
        </SelectField>
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{status === "pending" ? t("approvals.emptyPending") : t("approvals.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{t("approvals.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("approvals.fields.what")}</th>
                  <th scope="col" className="table__number">
                    {t("approvals.fields.amount")}
                  </th>
                  <th scope="col">{t("approvals.fields.requested")}</th>
                  <th scope="col">{t("approvals.fields.status")}</th>
                  <th scope="col">{t("approvals.fields.decision")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((approval) => {
                  const right = decisionRight(approval, me);
                  const summaryId = `approval-${approval.id}-summary`;
                  return (
                    <tr key={approval.id}>
                      <th scope="row">
                        <span id={summaryId}>
                          {t(`approvals.kind.${approval.kind}`)}
                          <span className="table__sub">{approval.summary}</span>
                        </span>
                        {approval.invoice_id !== null ? (
                          <Link className="table__sub" to={`/invoices/${approval.invoice_id}`}>
                            {t("approvals.openInvoice")}
                          </Link>
                        ) : approval.payment_id !== null ? (
                          <Link className="table__sub" to={`/payments/${approval.payment_id}`}>
                            {t("approvals.openPayment")}
                          </Link>
                        ) : null}
                      </th>
                      <td className="table__number">{formatMoney(approval.amount, approval.currency, locale)}</td>
                      <td>
                        {nameOf(approval.requested_by_id)}
                        <span className="table__sub muted">{when(approval.requested_at)}</span>
                      </td>
                      <td>
                        <span className={`badge badge--approval-${approval.status}`}>{t(`approvals.status.${approval.status}`)}</span>
                      </td>
                      <td>
                        {right === "decide" ? (
                          <span className="actions actions--inline">
                            <Button
                              className="button--small"
                              aria-describedby={summaryId}
                              onClick={() => {
                                setNotice(null);
                                setDeciding({ approval, decision: "approve" });
                              }}
                            >
                              {t("approvals.approve")}
                            </Button>
                            <Button
                              variant="danger"
                              className="button--small"
                              aria-describedby={summaryId}
                              onClick={() => {
                                setNotice(null);
                                setDeciding({ approval, decision: "reject" });
                              }}
                            >
                              {t("approvals.reject")}
                            </Button>
                          </span>
                        ) : right === "own-request" ? (
                          <span className="muted">{t("approvals.ownRequest")}</span>
                        ) : right === "not-approver" ? (
                          <span className="muted">{t("approvals.notApprover")}</span>
                        ) : (
                          <>
                            {t("approvals.decidedBy", { name: nameOf(approval.decided_by_id) })}
                            {approval.decided_at !== null && <span className="table__sub muted">{when(approval.decided_at)}</span>}
                            {approval.decision_note !== null && <span className="table__sub pre-line">“{approval.decision_note}”</span>}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
      {deciding !== null && (
        <DecisionDialog
          approval={deciding.approval}
          decision={deciding.decision}
          requesterName={nameOf(deciding.approval.requested_by_id)}
          onClose={(decided) => {
            setDeciding(null);
            if (decided !== null) {
              setNotice(
                t(`approvals.done.${decided.status === "approved" ? "approved" : "rejected"}`, {
                  amount: formatMoney(decided.amount, decided.currency, locale),
                }),
              );
              requestAnimationFrame(() => noticeRef.current?.focus());
            }
          }}
        />
      )}
    </>
  );
}
