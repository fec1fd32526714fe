import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition } from "@/lib/api/download";
import { ApiError, toProblem, unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type LeaseDocument = components["schemas"]["LeaseDocumentOut"];
export type DocumentKind = components["schemas"]["DocumentKind"];

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "signed_lease",
  "condition_report_move_in",
  "condition_report_move_out",
  "expense_statement",
  "certificate",
  "other",
];

const documentsKey = (leaseId: string) => ["lease-documents", leaseId] as const;
const statementsKey = (leaseId: string) => ["lease-statements", leaseId] as const;

/** GET /api/v1/leases/{id}/documents: what was published on the lease, withdrawn ones included, newest first. */
export const leaseDocumentsQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: documentsKey(leaseId),
    queryFn: async ({ signal }): Promise<LeaseDocument[]> =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}/documents", { params: { path: { lease_id: leaseId } }, signal })),
  });

export function useLeaseDocuments(leaseId: string) {
  return useQuery(leaseDocumentsQueryOptions(leaseId));
}

/** GET /api/v1/leases/{id}/statements: the years the lease has an account statement for, newest first. */
export function useStatementYears(leaseId: string) {
  return useQuery({
    queryKey: statementsKey(leaseId),
    queryFn: async ({ signal }): Promise<number[]> =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}/statements", { params: { path: { lease_id: leaseId } }, signal })).map(
        (statement) => statement.year,
      ),
  });
}

export interface NewLeaseDocument {
  kind: DocumentKind;
  title: string;
  /** "" when none (only an expense statement needs one). */
  year: string;
  file: File;
  idempotencyKey: string;
}

/** POST /api/v1/leases/{id}/documents (multipart): publishes the file; the lease's tenants see it and are e-mailed. */
export async function publishLeaseDocument(leaseId: string, document: NewLeaseDocument): Promise<LeaseDocument> {
  return unwrap(
    await api.POST("/api/v1/leases/{lease_id}/documents", {
      params: { path: { lease_id: leaseId }, header: { "Idempotency-Key": document.idempotencyKey } },
      // The generated type says `string` for a binary part; the browser sends the File itself.
      body: { kind: document.kind, title: document.title, file: document.file.name },
      bodySerializer: () => {
        const form = new FormData();
        form.append("kind", document.kind);
        form.append("title", document.title);
        if (document.year !== "") form.append("year", document.year);
        form.append("file", document.file, document.file.name);
        return form;
      },
    }),
  );
}

export function usePublishLeaseDocument(leaseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: NewLeaseDocument) => publishLeaseDocument(leaseId, document),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsKey(leaseId) }),
  });
}

/** POST /api/v1/leases/{id}/documents/{document_id}/withdraw: out of the portal; the record stays. */
export function useWithdrawLeaseDocument(leaseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (documentId: string) =>
      unwrap(
        await api.POST("/api/v1/leases/{lease_id}/documents/{document_id}/withdraw", {
          params: { path: { lease_id: leaseId, document_id: documentId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: documentsKey(leaseId) }),
  });
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

function downloaded(data: Blob | undefined, error: unknown, response: Response, fallback: string): DownloadedFile {
  if (!response.ok || data === undefined) throw new ApiError(response.status, toProblem(error, response.status));
  return { blob: data, fileName: fileNameFromDisposition(response.headers.get("Content-Disposition"), fallback) };
}

/** A published file, with the bearer token, named as the API says. */
export async function fetchLeaseDocumentFile(leaseId: string, document: LeaseDocument): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET("/api/v1/leases/{lease_id}/documents/{document_id}/file", {
    params: { path: { lease_id: leaseId, document_id: document.id } },
    parseAs: "blob",
  });
  return downloaded(data, error, response, document.file_name);
}

/** The lease's account statement for `year` (PDF). */
export async function fetchStatement(leaseId: string, year: number): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET("/api/v1/leases/{lease_id}/statements/{year}.pdf", {
    params: { path: { lease_id: leaseId, year } },
    parseAs: "blob",
  });
  return downloaded(data, error, response, `account-statement-${String(year)}.pdf`);
}
