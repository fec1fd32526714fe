/**
 * Files the API serves behind the bearer token (receipts, transfer proofs) cannot be plain links:
 * they are fetched through the API client as a blob, then handed to the browser from an object
 * URL. Nothing of the file is ever put into the page as markup.
 */

/** The file name a `Content-Disposition` header suggests (`filename*=UTF-8''…` or `filename="…"`), else `fallback`. */
export function fileNameFromDisposition(contentDisposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/iu.exec(contentDisposition ?? "");
  if (match?.[1] === undefined) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** How long an object URL handed to the browser stays valid: long enough for the download to start. */
const REVOKE_AFTER_MS = 10_000;

/** Saves `blob` as a download named `fileName` (an attachment: the browser never renders it in our page). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    anchor.rel = "noopener";
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, REVOKE_AFTER_MS);
  }
}
