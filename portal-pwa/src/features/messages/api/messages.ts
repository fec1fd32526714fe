import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Conversation = components["schemas"]["PortalConversationOut"];
export type ConversationDetail = components["schemas"]["PortalConversationDetailOut"];
export type Message = components["schemas"]["PortalMessageOut"];

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 5000;
// A tenant has few conversations: one page of the most a list shows.
export const CONVERSATIONS_LIMIT = 100;
// The API's SearchText.
export const SEARCH_MAX_LENGTH = 100;

export const messagesQueryKey = ["portal", "messages"] as const;
export const conversationQueryKey = (conversationId: string) => [...messagesQueryKey, "detail", conversationId] as const;
const listQueryKey = [...messagesQueryKey, "list"] as const;
const unreadQueryKey = [...messagesQueryKey, "unread"] as const;

/** GET /api/v1/portal/conversations: the tenant's conversations, latest activity first; with `search`, only those whose subject or messages contain it. */
export const myConversationsQueryOptions = (search = "") =>
  queryOptions({
    queryKey: [...listQueryKey, search],
    queryFn: async ({ signal }): Promise<Conversation[]> =>
      unwrap(
        await api.GET("/api/v1/portal/conversations", {
          params: { query: { limit: CONVERSATIONS_LIMIT, q: search === "" ? undefined : search } },
          signal,
        }),
      ).items,
    // An answer is what the tenant comes to see: read again whenever a screen shows it.
    staleTime: 0,
  });

export function useMyConversations(search = "") {
  return useQuery(myConversationsQueryOptions(search));
}

/** GET /api/v1/portal/conversations/unread: the agency's messages not read yet (home and navigation badge), every minute. */
export function useMyUnreadMessages() {
  return useQuery({
    queryKey: unreadQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/conversations/unread", { signal })),
    staleTime: 0,
    refetchInterval: 60_000,
  });
}

/** GET /api/v1/portal/conversations/{id}: the whole thread (marks the agency's messages read); read again every minute while open. */
export function useMyConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: conversationQueryKey(conversationId),
    queryFn: async ({ signal }): Promise<ConversationDetail> => {
      const detail = unwrap(
        await api.GET("/api/v1/portal/conversations/{conversation_id}", { params: { path: { conversation_id: conversationId } }, signal }),
      );
      // Opening it read the agency's messages: the counts change.
      void queryClient.invalidateQueries({ queryKey: unreadQueryKey });
      void queryClient.invalidateQueries({ queryKey: listQueryKey });
      return detail;
    },
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === "open" ? 60_000 : false),
  });
}

export interface NewConversation {
  leaseId: string | null;
  subject: string;
  body: string;
  /** The same key when the same message is sent again after an unknown outcome. */
  idempotencyKey: string;
}

/** POST /api/v1/portal/conversations. */
export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewConversation): Promise<ConversationDetail> =>
      unwrap(
        await api.POST("/api/v1/portal/conversations", {
          params: { header: { "Idempotency-Key": input.idempotencyKey } },
          body: { lease_id: input.leaseId, subject: input.subject, body: input.body },
        }),
      ),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationQueryKey(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: listQueryKey });
    },
  });
}

export interface Reply {
  conversationId: string;
  body: string;
  idempotencyKey: string;
}

/** POST /api/v1/portal/conversations/{id}/messages (409 once the agency closed it). */
export function useReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Reply): Promise<ConversationDetail> =>
      unwrap(
        await api.POST("/api/v1/portal/conversations/{conversation_id}/messages", {
          params: { path: { conversation_id: input.conversationId }, header: { "Idempotency-Key": input.idempotencyKey } },
          body: { body: input.body },
        }),
      ),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationQueryKey(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: listQueryKey });
    },
    onError: (_, input) => {
      void queryClient.invalidateQueries({ queryKey: conversationQueryKey(input.conversationId) });
    },
  });
}
