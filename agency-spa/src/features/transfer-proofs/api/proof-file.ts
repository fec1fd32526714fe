import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition, saveBlob } from "@/lib/api/download";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { TransferProof } from "./list-proofs";

/**
 * How a proof's file is shown. The API recognised its type from the file's first bytes (a PDF or
 * a photo) and serves it as an attachment with `nosniff`; the page never inserts it as markup.
 * PNG, JPEG and WebP are shown inline (an image cannot run code); a PDF is downloaded or opened
 * in a tab of its own; HEIC, which browsers seldom show, is downloaded.
 */
export type ProofFileKind = "image" | "pdf" | "download";

const KINDS: Readonly<Record<string, ProofFileKind>> = {
  "image/png": "image",
  "image/jpeg": "image",
  "image/webp": "image",
  "application/pdf": "pdf",
  "image/heic": "download",
};

export function proofFileKind(contentType: string): ProofFileKind {
  return KINDS[contentType] ?? "download";
}

export interface ProofFile {
  blob: Blob;
  fileName: string;
}

/**
 * GET /api/v1/transfer-proofs/{proof_id}/file through the API client (the bearer token, its
 * refresh), read as a blob. The blob is typed as what the API recognised (one of the kinds
 * above, else plain bytes), never as what the response happened to claim, so a browser cannot be
 * talked into rendering it as a page.
 */
export async function fetchProofFile(proof: Pick<TransferProof, "id" | "content_type" | "file_name">): Promise<ProofFile> {
  const result = await api.GET("/api/v1/transfer-proofs/{proof_id}/file", {
    params: { path: { proof_id: proof.id } },
    parseAs: "blob",
  });
  const data = unwrap(result);
  const type = proof.content_type in KINDS ? proof.content_type : "application/octet-stream";
  return {
    blob: new Blob([await data.arrayBuffer()], { type }),
    fileName: fileNameFromDisposition(result.response.headers.get("Content-Disposition"), proof.file_name),
  };
}

/** The file of a proof that is a photo, to show inline; nothing is fetched for other kinds. */
export function useProofImage(proof: TransferProof) {
  return useQuery({
    queryKey: queryKeys.transferProofFile(proof.id),
    queryFn: () => fetchProofFile(proof),
    enabled: proofFileKind(proof.content_type) === "image",
    staleTime: Infinity,
  });
}

/** Downloads the proof's file under the name the API gives it. */
export function useDownloadProofFile(proof: TransferProof) {
  return useMutation({
    mutationFn: async () => {
      const file = await fetchProofFile(proof);
      saveBlob(file.blob, file.fileName);
    },
  });
}

/** How long a PDF opened in a tab of its own keeps its object URL: long enough for the tab to read it. */
const OPENED_URL_LIFETIME_MS = 60_000;

/**
 * Opens a PDF proof in a new tab from an object URL of a blob typed `application/pdf` (the
 * browser's PDF viewer shows it; nothing of it runs in this page). Says whether the browser
 * allowed the tab.
 */
export function useOpenProofFile(proof: TransferProof) {
  return useMutation({
    mutationFn: async () => {
      const file = await fetchProofFile(proof);
      const url = URL.createObjectURL(file.blob);
      const opened = window.open(url, "_blank");
      if (opened !== null) opened.opener = null;
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, OPENED_URL_LIFETIME_MS);
      return opened !== null;
    },
  });
}
