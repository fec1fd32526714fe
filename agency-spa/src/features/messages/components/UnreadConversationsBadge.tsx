import { useTranslation } from "react-i18next";
import { useUnreadConversations } from "../api/messages";

/** Beside "Messages" in the navigation: the conversations with a tenant's message no one at the agency has opened; nothing when there are none. */
export function UnreadConversationsBadge() {
  const { t } = useTranslation();
  const unread = useUnreadConversations();
  const count = unread.data?.conversations ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-badge">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t("messages.badge", { count })}</span>
    </span>
  );
}
