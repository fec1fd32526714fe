import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyLeases } from "@/features/leases/api/get-my-leases";
import { useMyConversation, type ConversationDetail } from "@/features/messages/api/messages";
import { ConversationSearch } from "@/features/messages/components/ConversationList";
import { ConversationView } from "@/features/messages/components/ConversationView";
import { NewConversationForm } from "@/features/messages/components/NewConversationForm";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

/** What the new-conversation form passes along: the conversation page then says it was sent. */
interface MessageSentState {
  sent: true;
}

function wasJustSent(state: unknown): boolean {
  return typeof state === "object" && state !== null && (state as Partial<MessageSentState>).sent === true;
}

function BackToMessages() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to="/messages">
        <span aria-hidden="true">←</span>
        {t("messages.back")}
      </Link>
    </p>
  );
}

/** "Messages": the tenant's conversations with the agency, and the way to write a new one. */
export function MessagesRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("messages.title"));
  return (
    <>
      <header className="page-header">
        <h1>{t("messages.title")}</h1>
        <p className="muted">{t("messages.intro")}</p>
      </header>
      <p>
        <Link to="/messages/new" className="button button--primary">
          {t("messages.write")}
        </Link>
      </p>
      <ConversationSearch />
    </>
  );
}

/** "Write to the agency": about one of the tenant's running or past leases. */
export function NewConversationRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const leases = useMyLeases();
  const labels = useLeaseLabels();
  useDocumentTitle(t("messages.form.title"));
  const discussable = (leases.data ?? [])
    .filter((lease) => lease.status === "active" || lease.status === "ended")
    .map((lease) => ({ id: lease.id, label: labels[lease.id] ?? lease.id }));
  const onSent = (conversation: ConversationDetail) => {
    const state: MessageSentState = { sent: true };
    void navigate(`/messages/${conversation.id}`, { state });
  };
  return (
    <>
      <BackToMessages />
      <header className="page-header">
        <h1>{t("messages.form.title")}</h1>
        <p className="muted">{t("messages.form.intro")}</p>
      </header>
      {leases.data !== undefined ? (
        <NewConversationForm leases={discussable} onSent={onSent} />
      ) : leases.isError ? (
        <Alert>{describeProblem(leases.error, t).message}</Alert>
      ) : (
        <p aria-busy="true">{t("app.loading")}</p>
      )}
    </>
  );
}

/** One conversation with its whole history and the reply box. */
export function ConversationRoute() {
  const { conversationId = "" } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const conversation = useMyConversation(conversationId);
  useDocumentTitle(conversation.data?.subject ?? t("messages.title"));
  if (conversation.data !== undefined) {
    return (
      <>
        <BackToMessages />
        {wasJustSent(location.state) && <Alert tone="info">{t("messages.sent")}</Alert>}
        <ConversationView conversation={conversation.data} />
      </>
    );
  }
  if (conversation.isError) {
    const notFound = conversation.error instanceof ApiError && (conversation.error.status === 404 || conversation.error.status === 422);
    return (
      <>
        <BackToMessages />
        <h1>{notFound ? t("messages.detail.notFoundTitle") : t("messages.title")}</h1>
        {notFound ? <p>{t("messages.detail.notFoundBody")}</p> : <Alert>{describeProblem(conversation.error, t).message}</Alert>}
      </>
    );
  }
  return <p aria-busy="true">{t("app.loading")}</p>;
}
