import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, toProblem, unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PortalDocument = components["schemas"]["PortalDocumentOut"];
export type PortalDocumentKind = components["schemas"]["PortalDocumentKind"];

/** The kinds in the order the filter offers them: contractual first, then money. */
export const DOCUMENT_KINDS: readonly PortalDocumentKind[] = [
  "signed_lease",
  "condition_report_move_in",
  "condition_report_move_out",
  "expense_statement",
  "account_statement",
  "receipt",
  "certificate",
  "other",
];

export interface DocumentFilters {
  kind?: PortalDocumentKind;
  leaseId?: string;
}

export const DOCUMENTS_PAGE_SIZE = 20;

export const documentsQueryKey = ["portal", "documents"] as const;

/** GET /api/v1/portal/documents: the newest `count` documents of the tenant's homes (the home's latest few). */
export const latestDocumentsQueryOptions = (count: number) =>
  queryOptions({
    queryKey: [...documentsQueryKey, "latest", count],
    queryFn: async ({ signal }): Promise<PortalDocument[]> =>
      unwrap(await api.GET("/api/v1/portal/documents", { params: { query: { limit: count } }, signal })).items,
  });

export function useLatestDocuments(count: number) {
  return useQuery(latestDocumentsQueryOptions(count));
}

/** GET /api/v1/portal/documents: every document of the tenant's homes, newest first, a page at a time (saved for offline reading). */
export const myDocumentsQueryOptions = (filters: DocumentFilters = {}, pageSize: number = DOCUMENTS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...documentsQueryKey, "list", filters],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/portal/documents", {
          params: {
            query: {
              kind: filters.kind,
              lease_id: filters.leaseId,
              limit: pageSize,
              ...(pageParam === null ? {} : { cursor: pageParam }),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

export function useMyDocuments(filters: DocumentFilters = {}) {
  return useInfiniteQuery(myDocumentsQueryOptions(filters));
}

function checked(data: Blob | undefined, error: unknown, response: Response): Blob {
  if (!response.ok || data === undefined) throw new ApiError(response.status, toProblem(error, response.status));
  return data;
}

/**
 * The file of one document, through the API client (a plain link would not carry the session's
 * token): a published file, a receipt or an account statement, each from its own route.
 */
export async function fetchDocumentFile(item: PortalDocument): Promise<Blob> {
  if (item.kind === "receipt" && item.payment_id !== null) {
    const { data, error, response } = await api.GET("/api/v1/portal/payments/{payment_id}/receipt.pdf", {
      params: { path: { payment_id: item.payment_id } },
      parseAs: "blob",
    });
    return checked(data, error, response);
  }
  if (item.kind === "account_statement" && item.year !== null) {
    const { data, error, response } = await api.GET("/api/v1/portal/leases/{lease_id}/statements/{year}.pdf", {
      params: { path: { lease_id: item.lease_id, year: item.year } },
      parseAs: "blob",
    });
    return checked(data, error, response);
  }
  if (item.document_id === null) throw new Error("A published document without its id");
  const { data, error, response } = await api.GET("/api/v1/portal/documents/{document_id}/file", {
    params: { path: { document_id: item.document_id } },
    parseAs: "blob",
  });
  return checked(data, error, response);
}

const EXTENSIONS: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

/** The name the file is saved under: its title (or what it is) and the right extension. */
export function documentFileName(item: PortalDocument, label: string): string {
  const extension = item.content_type !== null ? (EXTENSIONS[item.content_type] ?? "pdf") : "pdf";
  const stem = label.replace(/[\\/:*?"<>|]+/gu, " ").replace(/\s+/gu, " ").trim() || "document";
  return `${stem}.${extension}`;
}

/** A stable key for a line of the list, whatever made it. */
export function documentKey(item: PortalDocument): string {
  return item.document_id ?? item.payment_id ?? `${item.lease_id}:${item.kind}:${String(item.year)}`;
}
