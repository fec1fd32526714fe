/**
 * Files the API serves behind the bearer token (receipts, transfer proofs) cannot be plain links:
 * they are fetched through the API client as a blob, then handed to the browser from an object
 * URL. Nothing of the file is ever put into the page as markup.
 */

/** `filename*=UTF-8''…` (RFC 5987: a charset, an optional language, then percent-encoded bytes). */
const EXTENDED_FILE_NAME = /(?:^|;)\s*filename\*\s*=\s*([\w!#$%&+^`{}~-]+)'[\w-]*'([^;\s]+)/iu;
/** `filename="…"` (a quoted string, where a backslash escapes the next character) or `filename=token`. */
const PLAIN_FILE_NAME = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s"]+))/iu;

/**
 * The file name a `Content-Disposition` header suggests, else `fallback`. As RFC 6266 says, the
 * UTF-8 `filename*` wins over the plain `filename` (an ASCII stand-in for old clients); a
 * `filename` is taken as written, never percent-decoded.
 */
export function fileNameFromDisposition(contentDisposition: string | null, fallback: string): string {
  const header = contentDisposition ?? "";
  const extended = EXTENDED_FILE_NAME.exec(header);
  if (extended?.[1]?.toLowerCase() === "utf-8" && extended[2] !== undefined) {
    try {
      const decoded = decodeURIComponent(extended[2]);
      if (decoded !== "") return decoded;
    } catch {
      // Not valid percent-encoded UTF-8: fall back to the plain name.
    }
  }
  const plain = PLAIN_FILE_NAME.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/gu, "$1") ?? plain?.[2];
  return name === undefined || name === "" ? fallback : name;
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
