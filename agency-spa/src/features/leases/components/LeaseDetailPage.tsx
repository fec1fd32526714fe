import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { todayIn } from "@doorstep/web-shared/lib/format/date";
import { ReadinessOverrides } from "@/components/readiness/ReadinessOverrides";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Details } from "@/components/ui/Details";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useDateFormat } from "@/lib/format/use-date-format";
import { describeDueDay } from "@/lib/format/due-day";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import { useActivateLease } from "../api/activate-lease";
import { useCancelLease } from "../api/cancel-lease";
import { useLease } from "../api/get-lease";
import type { Lease } from "../api/list-leases";
import { defaultCancelDate, earliestCancelDate, neverStarted } from "./cancel-date";
import { LeaseEditForm } from "./LeaseEditForm";
import { LeaseRent } from "./LeaseRent";
import { leaseProblemMessage } from "./lease-problem";
import { LeaseStatusBadge } from "./LeaseStatusBadge";
import { LeaseTenants } from "./LeaseTenants";

function wasJustCreated(state: unknown): boolean {
  return typeof state === "object" && state !== null && "created" in state && state.created === true;
}

function isOpen(lease: Lease): lease is Lease & { status: "draft" | "active" } {
  return lease.status === "draft" || lease.status === "active";
}

export interface LeaseDetailPageProps {
  leaseId: string;
  /** The lease's money (balance, invoices, payments), composed by the route from the payments feature. */
  money?: (lease: Lease) => ReactNode;
}

export function LeaseDetailPage({ leaseId, money }: LeaseDetailPageProps) {
  const { t } = useTranslation();
  const { data: lease, isPending, isError, error, refetch } = useLease(leaseId);
  if (isPending) return <Loading />;
  if (isError) {
    return (
      <>
        <PageHeading>{t("leases.detailTitle")}</PageHeading>
        <LoadError item error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  return <LeaseDetail lease={lease} money={money} />;
}

function LeaseDetail({ lease, money }: { lease: Lease; money: LeaseDetailPageProps["money"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const location = useLocation();
  const { can } = useRole();
  const me = useMe();
  const canEdit = can("leases:write");
  const activate = useActivateLease(lease.id);
  const cancel = useCancelLease(lease.id);
  const [editing, setEditing] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  // The tenancy's last day when an active lease is cancelled (the API's ends_on).
  const [endsOn, setEndsOn] = useState("");
  const [endsOnError, setEndsOnError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(wasJustCreated(location.state) ? t("leases.created") : null);
  const editButton = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const activateError = activate.isError ? leaseProblemMessage(activate.error, t) : undefined;
  const cancelError = cancel.isError ? leaseProblemMessage(cancel.error, t) : undefined;
  const date = (value: string) => dates.date(value);
  const rent = formatMoney(lease.current_rent.amount, lease.current_rent.currency, locale);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/leases">{t("leases.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t("leases.detailTitleFor", { unit: lease.unit.name, property: lease.unit.property_name })}>
          {t("leases.detailTitleFor", { unit: lease.unit.name, property: lease.unit.property_name })}
        </PageHeading>
      </div>
      <p ref={statusRef} tabIndex={-1} className="lease-status">
        {t("leases.fields.status")}: <LeaseStatusBadge status={lease.status} />
      </p>
      <div role="status">{notice !== null && <p className="notice">{notice}</p>}</div>

      {canEdit && isOpen(lease) && !editing && (
        <div className="actions" role="group" aria-label={t("leases.actions")}>
          {lease.status === "draft" && (
            <Button
              busy={activate.isPending}
              busyLabel={t("leases.activating")}
              onClick={() => {
                setNotice(null);
                activate.mutate(undefined, {
                  onSuccess: () => {
                    setNotice(t("leases.activated"));
                    statusRef.current?.focus();
                  },
                });
              }}
            >
              {t("leases.activate")}
            </Button>
          )}
          <Button
            ref={editButton}
            variant="secondary"
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            {lease.status === "draft" ? t("leases.edit") : t("leases.editActive")}
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              cancel.reset();
              setEndsOnError(undefined);
              setEndsOn(defaultCancelDate(lease, todayIn(me.data?.agency.timezone ?? "UTC")));
              setConfirmingCancel(true);
            }}
          >
            {t("leases.cancel")}
          </Button>
        </div>
      )}
      {activateError !== undefined && <Alert>{activateError}</Alert>}
      {!isOpen(lease) && <Alert tone="info">{t(lease.status === "ended" ? "leases.readOnlyEnded" : "leases.readOnlyCancelled")}</Alert>}
      {lease.status === "active" && canEdit && !editing && <p className="muted">{t("leases.lockedTerms")}</p>}

      {editing && isOpen(lease) ? (
        <EditPanel title={lease.status === "draft" ? t("leases.editTitle") : t("leases.editActiveTitle")}>
          <LeaseEditForm
            lease={lease}
            onDone={(saved) => {
              setEditing(false);
              if (saved) setNotice(t("leases.saved"));
              requestAnimationFrame(() => editButton.current?.focus());
            }}
          />
        </EditPanel>
      ) : (
        <section aria-labelledby="lease-terms-heading" className="card">
          <h2 id="lease-terms-heading">{t("leases.sections.terms")}</h2>
          <Details
            items={[
              { term: t("leases.fields.property"), description: <Link to={`/properties/${lease.unit.property_id}`}>{lease.unit.property_name}</Link> },
              { term: t("leases.fields.unit"), description: <Link to={`/units/${lease.unit.id}`}>{lease.unit.name}</Link> },
              { term: t("leases.fields.address"), description: lease.unit.address },
              { term: t("leases.fields.rent"), description: t(`leases.rentPer.${lease.frequency}`, { amount: rent }) },
              { term: t("leases.fields.frequency"), description: t(`leases.frequency.${lease.frequency}`) },
              { term: t("leases.fields.dueDay"), description: describeDueDay(lease.frequency, lease.due_day, t, locale) },
              { term: t("leases.fields.startDate"), description: date(lease.start_date) },
              {
                term: t("leases.fields.endDate"),
                description: lease.end_date === null ? t("leases.noEndDate") : neverStarted(lease) ? t("leases.neverStarted") : date(lease.end_date),
              },
              { term: t("leases.fields.holdingOver"), description: lease.holding_over ? t("leases.holdingOverYes") : t("common.no") },
              {
                term: t("leases.fields.nextDueDate"),
                description: lease.next_due_date === null ? t("leases.noNextDue") : date(lease.next_due_date),
              },
              { term: t("leases.fields.createdAt"), description: dates.instant(lease.created_at) },
            ]}
          />
        </section>
      )}

      {lease.status !== "draft" && <LeaseRent lease={lease} canEdit={canEdit} />}
      {money?.(lease)}
      <LeaseTenants lease={lease} canEdit={canEdit} />
      <section aria-labelledby="lease-messages-heading" className="section">
        <h2 id="lease-messages-heading">{t("messages.title")}</h2>
        <p className="button-row">
          <Link to={`/messages?lease_id=${lease.id}`}>{t("messages.ofLease")}</Link>
          {can("messages:write") &&
            (lease.status === "active" || lease.status === "ended") &&
            lease.tenants.map((tenant) => (
              <Link key={tenant.id} className="button button--secondary button--small" to={`/messages/new?lease=${lease.id}&tenant=${tenant.id}`}>
                {t("messages.write", { name: `${tenant.first_name} ${tenant.last_name}` })}
              </Link>
            ))}
        </p>
      </section>
      {me.data !== undefined && <ReadinessOverrides leaseId={lease.id} />}

      <ConfirmDialog
        open={confirmingCancel}
        title={lease.status === "active" ? t("leases.cancelActiveTitle") : t("leases.cancelDraftTitle")}
        confirmLabel={t("leases.cancelConfirm")}
        cancelLabel={t("leases.cancelKeep")}
        busy={cancel.isPending}
        busyLabel={t("leases.cancelling")}
        error={cancelError}
        danger
        onCancel={() => {
          setConfirmingCancel(false);
        }}
        onConfirm={() => {
          const active = lease.status === "active";
          if (active && endsOn === "") {
            setEndsOnError(t("leases.cancelEndsOnMissing"));
            return;
          }
          setEndsOnError(undefined);
          cancel.mutate(active ? endsOn : undefined, {
            onSuccess: () => {
              setConfirmingCancel(false);
              setNotice(t("leases.cancelled"));
              requestAnimationFrame(() => statusRef.current?.focus());
            },
          });
        }}
      >
        {lease.status === "active" ? (
          <>
            <p>{t("leases.cancelActiveBody", { unit: lease.unit.name, property: lease.unit.property_name })}</p>
            <TextField
              label={t("leases.cancelEndsOn")}
              name="ends_on"
              type="date"
              required
              min={earliestCancelDate(lease)}
              max={lease.end_date !== null && !lease.holding_over ? lease.end_date : "2199-12-31"}
              value={endsOn}
              error={endsOnError}
              onChange={(event) => {
                setEndsOn(event.target.value);
              }}
            />
            {endsOn === earliestCancelDate(lease) && <p role="status">{t("leases.cancelNeverStarts", { date: date(lease.start_date) })}</p>}
            <p className="muted">{t("leases.cancelInvoices")}</p>
            <p>{t("leases.cancelFinal")}</p>
          </>
        ) : (
          <>
            <p>{t("leases.cancelDraftBody")}</p>
            <p>{t("leases.cancelFinal")}</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
