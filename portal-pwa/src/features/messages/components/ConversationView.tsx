import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useReadOnly } from "@/lib/offline";
import { BODY_MAX_LENGTH, useReply, type ConversationDetail } from "../api/messages";

/**
 * One conversation: every message oldest first, who wrote it and when (and, for the tenant's
 * own, when the agency read it), then the reply box while it is open. One Idempotency-Key per
 * attempt, kept while the outcome is unknown so that sending again cannot post twice.
 */
export function ConversationView({ conversation }: { conversation: ConversationDetail }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const readOnly = useReadOnly();
  const reply = useReply();
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
      { conversationId: conversation.id, body, idempotencyKey: attemptKey },
      {
        onSuccess: () => {
          setBody("");
          setAttemptKey(newIdempotencyKey());
        },
      },
    );
  }

  return (
    <article className="conversation" aria-labelledby="conversation-title">
      <header className="page-header">
        <h1 id="conversation-title">{conversation.subject}</h1>
        <p className="muted">{t("lease.home", { property: conversation.property_name, unit: conversation.unit_name })}</p>
      </header>
      <ol className="message-thread plain-list" aria-label={t("messages.thread")}>
        {conversation.messages.map((message) => (
          <li key={message.id} className={message.author === "tenant" ? "message message--mine" : "message message--theirs"}>
            <p className="message__meta small">
              <strong>{message.author === "tenant" ? t("messages.you") : message.author_name}</strong> ·{" "}
              <time dateTime={message.sent_at}>{dates.instant(message.sent_at)}</time>
            </p>
            <p className="message__body">{message.body}</p>
            {message.author === "tenant" && (
              <p className="message__meta small muted">
                {message.read_at !== null ? t("messages.readByAgency", { when: dates.instant(message.read_at) }) : t("messages.notReadYet")}
              </p>
            )}
          </li>
        ))}
      </ol>
      {conversation.status === "closed" ? (
        <Alert tone="info">{t("messages.closedBody")}</Alert>
      ) : (
        <form className="proof-form" onSubmit={send} noValidate>
          <Field label={t("messages.reply")} error={empty ? t("messages.errors.body") : problem?.fieldErrors.body}>
            {(control) => (
              <textarea
                {...control}
                name="body"
                rows={4}
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
          {readOnly && <Alert tone="info">{t("messages.offline")}</Alert>}
          <p className="proof-form__actions">
            <Button type="submit" busy={reply.isPending} busyLabel={t("messages.sending")} disabled={readOnly}>
              {t("messages.send")}
            </Button>
          </p>
        </form>
      )}
    </article>
  );
}
