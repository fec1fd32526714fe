import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useDateFormat } from "@/lib/format/use-date-format";
import { BODY_MAX_LENGTH, useConversation, useExportConversation, useReply, useSetClosed, type ConversationDetail } from "../api/messages";

function ReplyForm({ conversation }: { conversation: ConversationDetail }) {
  const { t } = useTranslation();
  const reply = useReply(conversation.id);
  const [body, setBody] = useState("");
  const [empty, setEmpty] = useState(false);
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const problem = reply.isError ? describeProblem(reply.error, t, { fields: ["body"] }) : undefined;

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim() === "") {
      setEmpty(true);
      return;
    }
    reply.mutate(
      { body, idempotencyKey: attemptKey },
      {
        onSuccess: () => {
          setBody("");
          setAttemptKey(newIdempotencyKey());
        },
      },
    );
  }

  return (
    <form className="stack form" onSubmit={send} noValidate>
      <Field label={t("messages.reply")} hint={t("messages.replyHint")} error={empty ? t("messages.errors.body") : problem?.fieldErrors.body}>
        {(control) => (
          <textarea
            {...control}
            name="body"
            rows={5}
            className="field__input"
            maxLength={BODY_MAX_LENGTH}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              setEmpty(false);
              if (reply.isError) reply.reset();
              setAttemptKey(newIdempotencyKey());
            }}
          />
        )}
      </Field>
      {problem !== undefined && problem.fieldErrors.body === undefined && <Alert>{problem.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" busy={reply.isPending} busyLabel={t("messages.sending")}>
          {t("messages.send")}
        </Button>
      </div>
    </form>
  );
}

/** /messages/:conversationId: the whole thread oldest first, who read what and when, the reply box, close and reopen, and the export. */
export function ConversationPage({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const { can } = useRole();
  const conversation = useConversation(conversationId);
  const setClosed = useSetClosed(conversationId);
  const exportText = useExportConversation(conversationId);

  const back = (
    <p className="back-link">
      <Link to="/messages">← {t("messages.back")}</Link>
    </p>
  );
  if (conversation.isPending) return <Loading />;
  if (conversation.isError)
    return (
      <>
        {back}
        <LoadError error={conversation.error} onRetry={() => void conversation.refetch()} />
      </>
    );
  const c = conversation.data;
  const writer = can("messages:write");
  return (
    <>
      {back}
      <div className="page-header">
        <PageHeading>{c.subject}</PageHeading>
        <div className="button-row">
          <Button variant="secondary" busy={exportText.isPending} busyLabel={t("messages.exporting")} onClick={() => { exportText.mutate(); }}>
            {t("messages.export")}
          </Button>
          {writer && (
            <Button variant="secondary" busy={setClosed.isPending} busyLabel={t("messages.saving")} onClick={() => { setClosed.mutate(c.status === "open"); }}>
              {c.status === "open" ? t("messages.close") : t("messages.reopen")}
            </Button>
          )}
        </div>
      </div>
      <p>
        <Link to={`/tenants/${c.tenant_id}`}>{c.tenant_name}</Link> ·{" "}
        <Link to={`/leases/${c.lease_id}`}>
          {c.unit_name} · {c.property_name}
        </Link>{" "}
        · {c.status === "open" ? t("messages.status.open") : t("messages.closedOn", { when: c.closed_at === null ? "" : dates.instant(c.closed_at) })}
      </p>
      {setClosed.isError && <Alert>{describeProblem(setClosed.error, t).message}</Alert>}
      {exportText.isError && <Alert>{describeProblem(exportText.error, t).message}</Alert>}
      <ol className="message-thread" aria-label={t("messages.thread")}>
        {c.messages.map((message) => (
          <li key={message.id} className={message.author === "staff" ? "message message--agency" : "message message--tenant"}>
            <p className="message__meta">
              <strong>{message.author_name}</strong> {message.author === "staff" ? `(${t("messages.agency")})` : `(${t("messages.tenant")})`} ·{" "}
              <time dateTime={message.sent_at}>{dates.instant(message.sent_at)}</time>
            </p>
            <p className="message__body">{message.body}</p>
            <p className="message__meta muted">
              {message.read_at === null
                ? t("messages.notReadYet")
                : message.author === "tenant"
                  ? t("messages.readBy", { name: message.read_by_name ?? "", when: dates.instant(message.read_at) })
                  : t("messages.readByTenant", { when: dates.instant(message.read_at) })}
            </p>
          </li>
        ))}
      </ol>
      {c.status === "closed" ? <Alert tone="info">{t("messages.closedBody")}</Alert> : writer ? <ReplyForm conversation={c} /> : <p className="muted">{t("messages.readOnly")}</p>}
    </>
  );
}
