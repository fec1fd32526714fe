import { useParams } from "react-router";
import { ConversationPage } from "@/features/messages/components/ConversationPage";
import { InboxPage } from "@/features/messages/components/InboxPage";
import { NewConversationPage } from "@/features/messages/components/NewConversationPage";

/** /messages (?show=unread&status=&lease_id=&tenant_id=&q=) */
export function MessagesRoute() {
  return <InboxPage />;
}

/** /messages/new?lease=&tenant= */
export function NewConversationRoute() {
  return <NewConversationPage />;
}

/** /messages/:conversationId */
export function ConversationRoute() {
  const { conversationId = "" } = useParams();
  return <ConversationPage key={conversationId} conversationId={conversationId} />;
}
