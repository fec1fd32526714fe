import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatDate, formatInstantDate } from "@doorstep/web-shared/lib/format/date";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useReadOnly } from "@/lib/offline";
import { saveBlob } from "../api/download-receipt";
import { fetchTransferProofFile } from "../api/download-transfer-proof";
import { useMyPayments } from "../api/get-my-payments";
import type { TransferProof } from "../api/get-my-transfer-proof";
import { useWithdrawMyTransferProof } from "../api/withdraw-my-transfer-proof";
import { proofStatus } from "../lib/wording";
import { ReceiptButton } from "./ReceiptButton";

export interface TransferProofItemProps {
  proof: TransferProof;
  locale: string;
  /** The lease's name, shown when the tenant pays on more than one lease. */
  leaseLabel?: string | undefined;
  /** In a list: the title links to the proof's own page. */
  linked?: boolean;
  /** The title's level: h3 in a list, h2 on the proof's own page. */
  headingLevel?: 2 | 3;
}

/** The badge: the proof's status in words, coloured (never colour alone). */
export function TransferProofStatusBadge({ proof }: { proof: Pick<TransferProof, "status"> }) {
  const { t } = useTranslation();
  const { label, tone } = proofStatus(proof.status, t);
  return <span className={`badge badge--money-${tone}`}>{label}</span>;
}

/** Downloads the file the tenant sent, under the name the agency sees. Needs a connection. */
function ProofFileButton({ proof }: { proof: TransferProof }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const download = useMutation({
    mutationFn: () => fetchTransferProofFile(proof.id),
    onSuccess: (blob) => {
      saveBlob(blob, proof.file_name);
    },
  });
  return (
    <div className="receipt-button">
      <Button
        variant="secondary"
        busy={download.isPending}
        busyLabel={t("proofs.item.downloading")}
        disabled={readOnly}
        aria-label={t("proofs.item.downloadLabel", { name: proof.file_name })}
        onClick={() => {
          download.mutate();
        }}
      >
        {t("proofs.item.download")}
      </Button>
      {readOnly && <p className="field__hint">{t("proofs.item.downloadOffline")}</p>}
      {download.isError && <Alert>{describeProblem(download.error, t).message}</Alert>}
    </div>
  );
}

/**
 * Withdraw, after a confirmation: a proof sent by mistake, while the agency has not decided.
 * The question takes the focus (and "Keep it" gives it back to the button).
 */
function WithdrawProof({ proof, amount }: { proof: TransferProof; amount: string }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const withdraw = useWithdrawMyTransferProof();
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) dialogRef.current?.focus();
    else if (returnFocus.current) buttonRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const label = t("proofs.item.withdrawLabel", { amount });
  return (
    <div className="proof-withdraw">
      {withdraw.isError && <Alert>{describeProblem(withdraw.error, t).message}</Alert>}
      {asking ? (
        <div
          ref={dialogRef}
          className="proof-withdraw__confirm"
          role="alertdialog"
          aria-label={label}
          aria-describedby={questionId}
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === "Escape" && !withdraw.isPending) {
              returnFocus.current = true;
              setAsking(false);
            }
          }}
        >
          <p id={questionId}>{t("proofs.item.withdrawConfirm")}</p>
          <div className="button-row">
            <Button
              variant="danger"
              busy={withdraw.isPending}
              busyLabel={t("proofs.item.withdrawing")}
              disabled={readOnly}
              onClick={() => {
                withdraw.mutate(proof.id, {
                  onSettled: () => {
                    setAsking(false);
                  },
                });
              }}
            >
              {t("proofs.item.withdrawYes")}
            </Button>
            <Button
              variant="secondary"
              disabled={withdraw.isPending}
              onClick={() => {
                returnFocus.current = true;
                setAsking(false);
              }}
            >
              {t("proofs.item.withdrawNo")}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          ref={buttonRef}
          variant="danger"
          disabled={readOnly}
          aria-label={label}
          onClick={() => {
            withdraw.reset();
            setAsking(true);
          }}
        >
          {t("proofs.item.withdraw")}
        </Button>
      )}
      {readOnly && <p className="field__hint">{t("proofs.item.withdrawOffline")}</p>}
    </div>
  );
}

/**
 * One proof of a bank transfer: the amount and day, its status in words, what it was for, the
 * reference, the tenant's note, the file sent (downloadable) and the agency's decision: waiting
 * (withdrawable), accepted (with the payment's receipt and a link to it in the history), not
 * accepted (with the agency's reason) or withdrawn.
 */
export function TransferProofItem({ proof, locale, leaseLabel, linked = false, headingLevel = 3 }: TransferProofItemProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const titleId = useId();
  const payments = useMyPayments();
  const amount = formatMoney(proof.amount, proof.currency, locale);
  const paidOn = formatDate(proof.paid_on, locale);
  const decidedOn = proof.decided_at === null ? "" : formatInstantDate(proof.decided_at, locale, dates.timeZone);
  const payment =
    proof.payment_id === null ? undefined : payments.data?.pages.flatMap((page) => page.items).find((item) => item.id === proof.payment_id);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const title = (
    <>
      {amount}
      <span className="visually-hidden">, {t("proofs.item.paidOn", { date: paidOn })}</span>
    </>
  );

  return (
    <article className="card proof-item" aria-labelledby={titleId}>
      <div className="proof-item__top">
        <Heading className="proof-item__amount" id={titleId}>
          {linked ? (
            <Link to={`/payments/transfer-proofs/${proof.id}`} className="proof-item__link">
              {title}
            </Link>
          ) : (
            title
          )}
        </Heading>
        <TransferProofStatusBadge proof={proof} />
      </div>
      <p className="proof-item__meta">
        {t("proofs.item.paidOn", { date: paidOn })} · {t("proofs.item.sentOn", { date: formatInstantDate(proof.created_at, locale, dates.timeZone) })}
      </p>

      {proof.status === "submitted" && <p className="proof-item__outcome">{t("proofs.item.waiting")}</p>}
      {proof.status === "confirmed" && (
        <div className="proof-item__outcome proof-item__outcome--accepted">
          <p>{t("proofs.item.accepted", { date: decidedOn })}</p>
          {payment?.receipt_number !== undefined && payment.receipt_number !== null && (
            <p>{t("proofs.item.acceptedReceipt", { number: payment.receipt_number })}</p>
          )}
        </div>
      )}
      {proof.status === "rejected" && (
        <div className="note note--danger proof-item__outcome">
          <p>{t("proofs.item.rejected", { date: decidedOn, reason: proof.rejection_reason ?? "" })}</p>
          <p>{t("proofs.item.rejectedHelp")}</p>
        </div>
      )}
      {proof.status === "withdrawn" && <p className="proof-item__outcome">{t("proofs.item.withdrawn", { date: decidedOn })}</p>}

      <dl className="facts facts--compact">
        {leaseLabel !== undefined && (
          <div className="facts__row">
            <dt>{t("proofs.item.home")}</dt>
            <dd>{leaseLabel}</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{t("proofs.item.for")}</dt>
          <dd>
            {proof.invoice_id === null ? (
              t("proofs.item.noInvoice")
            ) : (
              <Link to={`/payments/invoices/${proof.invoice_id}`}>
                {proof.invoice_number === null ? t("payments.invoice.titleNoNumber") : t("proofs.item.invoice", { number: proof.invoice_number })}
              </Link>
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("proofs.item.reference")}</dt>
          <dd className="break">{proof.reference}</dd>
        </div>
        {proof.note !== null && proof.note !== "" && (
          <div className="facts__row">
            <dt>{t("proofs.item.note")}</dt>
            <dd className="break proof-item__note">{proof.note}</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{t("proofs.item.file")}</dt>
          <dd className="break">{proof.file_name}</dd>
        </div>
      </dl>

      <div className="proof-item__actions">
        <ProofFileButton proof={proof} />
        {proof.status === "confirmed" && payment?.status === "succeeded" && payment.receipt_number !== null && (
          <ReceiptButton paymentId={payment.id} receiptNumber={payment.receipt_number} fallbackDate={payment.received_on ?? proof.paid_on} />
        )}
        {proof.status === "confirmed" && proof.payment_id !== null && (
          <Link to={`/payments/history#payment-${proof.payment_id}`}>{t("proofs.item.seePayment")}</Link>
        )}
        {proof.status === "submitted" && <WithdrawProof proof={proof} amount={amount} />}
      </div>
    </article>
  );
}
