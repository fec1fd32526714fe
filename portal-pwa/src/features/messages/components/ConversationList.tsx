import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { SEARCH_MAX_LENGTH, useMyConversations, useMyUnreadMessages, type Conversation } from "../api/messages";

function ConversationCard({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const unread = conversation.unread > 0;
  const last = conversation.last_message;
  return (
    <li>
      <article className={unread ? "card conversation-card conversation-card--unread" : "card conversation-card"}>
        <p className="conversation-card__top">
          {unread && <span className="badge badge--unread">{t("messages.unreadCount", { count: conversation.unread })}</span>}
          {conversation.status === "closed" && <span className="badge badge--ended">{t("messages.closed")}</span>}
          <span className="muted small">{dates.instant(conversation.last_message_at)}</span>
        </p>
        <h3 className="card__title">
          <Link to={`/messages/${conversation.id}`}>{conversation.subject}</Link>
        </h3>
        {last !== null && (
          <p className="conversation-card__preview">
            <span className="muted">{last.author === "tenant" ? t("messages.you") : t("messages.agency")}: </span>
            {last.preview}
          </p>
        )}
        <p className="muted small">{t("lease.home", { property: conversation.property_name, unit: conversation.unit_name })}</p>
      </article>
    </li>
  );
}

/** The tenant's conversations, latest activity first, the unread ones marked; only the unread ones when `unreadOnly`, only those mentioning `search` when given. */
export function ConversationList({ unreadOnly = false, search = "" }: { unreadOnly?: boolean; search?: string }) {
  const { t } = useTranslation();
  const conversations = useMyConversations(search);
  if (conversations.data !== undefined) {
    const shown = unreadOnly ? conversations.data.filter((c) => c.unread > 0) : conversations.data;
    if (shown.length === 0)
      return <p className="muted">{unreadOnly ? t("messages.unreadNone") : search !== "" ? t("messages.search.none", { search }) : t("messages.empty")}</p>;
    return (
      <ul className="card-list plain-list">
        {shown.map((conversation) => (
          <ConversationCard key={conversation.id} conversation={conversation} />
        ))}
      </ul>
    );
  }
  if (conversations.isError) return <Alert>{describeProblem(conversations.error, t).message}</Alert>;
  return <p aria-busy="true">{t("app.loading")}</p>;
}

/** Seed 002, "searchable history": the words are looked for when the tenant submits them. */
export function ConversationSearch() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  return (
    <>
      <search>
        <form
          className="conversation-search"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch(typed.trim());
          }}
        >
          <TextField
            label={t("messages.search.label")}
            name="q"
            type="search"
            maxLength={SEARCH_MAX_LENGTH}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              // Emptying the box shows every conversation again.
              if (event.target.value.trim() === "") setSearch("");
            }}
          />
          <Button type="submit" variant="secondary">
            {t("messages.search.submit")}
          </Button>
        </form>
      </search>
      <ConversationList search={search} />
    </>
  );
}

/** Home (seed 002, "unread messages"): how many of the agency's messages wait, and which conversations. */
export function UnreadMessages() {
  const { t } = useTranslation();
  const unread = useMyUnreadMessages();
  const count = unread.data?.messages ?? 0;
  return (
    <section className="section" aria-labelledby="unread-messages-title">
      <h2 id="unread-messages-title">{t("messages.homeTitle")}</h2>
      {unread.data !== undefined && count > 0 && <p>{t("messages.homeUnread", { count })}</p>}
      {unread.data !== undefined && count > 0 ? (
        <ConversationList unreadOnly />
      ) : unread.isError ? (
        <Alert>{describeProblem(unread.error, t).message}</Alert>
      ) : unread.data !== undefined ? (
        <p className="muted">{t("messages.unreadNone")}</p>
      ) : (
        <p aria-busy="true">{t("app.loading")}</p>
      )}
      <p className="button-row">
        <Link to="/messages/new" className="button button--secondary">
          {t("messages.write")}
        </Link>
        <Link to="/messages">{t("messages.seeAll")}</Link>
      </p>
    </section>
  );
}
