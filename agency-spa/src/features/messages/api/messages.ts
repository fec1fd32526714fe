import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition, saveBlob } from "@/lib/api/download";
import { cursorListOptions, fetchAllPages, MAX_PAGE_SIZE, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Conversation = components["schemas"]["ConversationOut"];
export type ConversationDetail = components["schemas"]["ConversationDetailOut"];
export type ConversationStatus = components["schemas"]["ConversationStatus"];
type Lease = components["schemas"]["LeaseOut"];

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 5000;

export interface ConversationsParams {
  /** "unread" for those with a tenant's message no one opened yet; "" for all. */
  show: "unread" | "";
  status: ConversationStatus | "";
  leaseId: string;
  tenantId: string;
  q: string;
}

/** GET /api/v1/conversations: the agency's inbox, latest activity first, filtered. */
export const conversationsQueryOptions = (params: ConversationsParams) =>
  cursorListOptions(queryKeys.messages.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/conversations", {
        params: {
          query: {
            unread: params.show === "unread" ? true : undefined,
            status: params.status === "" ? undefined : params.status,
            lease_id: params.leaseId === "" ? undefined : params.leaseId,
            tenant_id: params.tenantId === "" ? undefined : params.tenantId,
            q: params.q === "" ? undefined : params.q,
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useConversations(params: ConversationsParams) {
  return useCursorList({ ...conversationsQueryOptions(params), refetchInterval: 60_000 });
}

/** GET /api/v1/conversations/unread: the navigation's count, read again every minute. */
export function useUnreadConversations() {
  return useQuery({
    queryKey: queryKeys.messages.unread,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/conversations/unread", { signal })),
    refetchInterval: 60_000,
  });
}

/** GET /api/v1/conversations/{id}: the whole thread (opened by someone who can answer, it is read for the agency); every minute while open. */
export function useConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.messages.detail(conversationId),
    queryFn: async ({ signal }): Promise<ConversationDetail> => {
      const detail = unwrap(await api.GET("/api/v1/conversations/{conversation_id}", { params: { path: { conversation_id: conversationId } }, signal }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.messages.unread });
      void queryClient.invalidateQueries({ queryKey: ["messages", "list"] });
      return detail;
    },
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === "open" ? 60_000 : false),
  });
}

function useSettle() {
  const queryClient = useQueryClient();
  return (conversation: ConversationDetail) => {
    queryClient.setQueryData(queryKeys.messages.detail(conversation.id), conversation);
    void queryClient.invalidateQueries({ queryKey: ["messages", "list"] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.messages.unread });
  };
}

/** POST /api/v1/conversations/{id}/messages, with one Idempotency-Key per attempt. */
export function useReply(conversationId: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: string; idempotencyKey: string }) =>
      unwrap(
        await api.POST("/api/v1/conversations/{conversation_id}/messages", {
          params: { path: { conversation_id: conversationId }, header: { "Idempotency-Key": idempotencyKey } },
          body: { body },
        }),
      ),
    onSuccess: settle,
  });
}

/** POST /api/v1/conversations/{id}/close or /reopen. */
export function useSetClosed(conversationId: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (closed: boolean) =>
      unwrap(
        closed
          ? await api.POST("/api/v1/conversations/{conversation_id}/close", { params: { path: { conversation_id: conversationId } } })
          : await api.POST("/api/v1/conversations/{conversation_id}/reopen", { params: { path: { conversation_id: conversationId } } }),
      ),
    onSuccess: settle,
  });
}

export interface NewConversation {
  leaseId: string;
  tenantId: string;
  subject: string;
  body: string;
  idempotencyKey: string;
}

/** POST /api/v1/conversations: write to a tenant of one of the agency's leases. */
export function useStartConversation() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (input: NewConversation) =>
      unwrap(
        await api.POST("/api/v1/conversations", {
          params: { header: { "Idempotency-Key": input.idempotencyKey } },
          body: { lease_id: input.leaseId, tenant_id: input.tenantId, subject: input.subject, body: input.body },
        }),
      ),
    onSuccess: settle,
  });
}

/** The leases a new conversation may be about: the one given, or the tenant's (running and ended). */
export function useLeasesToWriteAbout({ leaseId, tenantId }: { leaseId: string; tenantId: string }) {
  return useQuery({
    queryKey: queryKeys.messages.leaseParties({ leaseId, tenantId }),
    queryFn: async ({ signal }): Promise<Lease[]> => {
      if (leaseId !== "") return [unwrap(await api.GET("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal }))];
      const { items } = await fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(await api.GET("/api/v1/leases", { params: { query: { tenant_id: tenantId, cursor, limit: MAX_PAGE_SIZE } }, signal: pageSignal })),
        signal,
      );
      return items.filter((lease) => lease.status === "active" || lease.status === "ended");
    },
    enabled: leaseId !== "" || tenantId !== "",
  });
}

/** GET /api/v1/conversations/{id}/export: the conversation as a text file, downloaded (with the bearer token). */
export function useExportConversation(conversationId: string) {
  return useMutation({
    mutationFn: async () => {
      const result = await api.GET("/api/v1/conversations/{conversation_id}/export", {
        params: { path: { conversation_id: conversationId } },
        parseAs: "blob",
      });
      saveBlob(unwrap(result), fileNameFromDisposition(result.response.headers.get("Content-Disposition"), "conversation.txt"));
    },
  });
}
