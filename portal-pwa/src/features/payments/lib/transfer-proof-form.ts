import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import type { TransferProofFields } from "../api/submit-transfer-proof";
import { keepsAttempt } from "./pay-flow";

/**
 * The rules of the "I paid by bank transfer" form, apart from React so they can be tested on
 * their own. They mirror the API's (payments/proofs/service.py and the route's form fields) so that most
 * mistakes get a quick message before anything is sent; the API stays the authority (it checks
 * the file by its content) and its field errors are shown on the same fields.
 */

/** What the API takes: at most 10 MB (payments/proofs/service.py MAX_PROOF_BYTES). */
export const MAX_PROOF_BYTES = 10 * 1024 * 1024;

/** The file picker's filter: PDFs and any image, so that phones offer the camera too. */
export const PROOF_ACCEPT = "application/pdf,image/*";

/** The kinds of file the API keeps (it reads the first bytes; HEIF is HEIC's family). */
const PROOF_TYPES = new Set(["application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"]);
/** Some browsers give no type for a HEIC photo (or any file): the name's extension decides then. */
const PROOF_EXTENSIONS = new Set(["pdf", "jpg", "jpeg", "png", "webp", "heic", "heif"]);

export type ProofFileProblem = "missing" | "empty" | "type" | "tooLarge";

/** Why a chosen file cannot be sent, or null when it can (as far as the browser can tell). */
export function checkProofFile(file: File | null): ProofFileProblem | null {
  if (file === null) return "missing";
  const extension = file.name.includes(".") ? (file.name.split(".").at(-1) ?? "").toLowerCase() : "";
  const knownType = file.type === "" ? PROOF_EXTENSIONS.has(extension) : PROOF_TYPES.has(file.type.toLowerCase());
  if (!knownType) return "type";
  if (file.size === 0) return "empty";
  if (file.size > MAX_PROOF_BYTES) return "tooLarge";
  return null;
}

/** The form's fields, by the names the API uses (its field errors land on them). */
export type ProofFormField = "lease_id" | "invoice_id" | "amount" | "paid_on" | "reference" | "note" | "file";
export const PROOF_FORM_FIELDS: readonly ProofFormField[] = ["lease_id", "invoice_id", "amount", "paid_on", "reference", "note", "file"];

/** What the tenant typed and chose: strings as in the inputs, the amount in major units. */
export interface ProofFormValues {
  leaseId: string;
  /** "" when the transfer is not for one particular invoice. */
  invoiceId: string;
  amount: string;
  paidOn: string;
  reference: string;
  note: string;
  file: File | null;
}

export type ProofFormError =
  | "chooseLease"
  | `amount.${ParseMoneyError}`
  | "amount.zero"
  | "paidOn.missing"
  | "paidOn.future"
  | "reference.missing"
  | "reference.tooLong"
  | "reference.invalid"
  | "note.tooLong"
  | "note.invalid"
  | `file.${ProofFileProblem}`;

export type ProofFormErrors = Partial<Record<ProofFormField, ProofFormError>>;

export const REFERENCE_MAX_LENGTH = 200;
export const NOTE_MAX_LENGTH = 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;
// The API's patterns: no control characters in the reference; in the note only tab and line breaks.
// eslint-disable-next-line no-control-regex -- these are exactly the characters refused
const REFERENCE_REFUSED = /[\u0000-\u001f\u007f]/u;
// eslint-disable-next-line no-control-regex -- these are exactly the characters refused
const NOTE_REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

export interface ReadProofOptions {
  /** The lease's currency: the amount is read in its minor units. */
  currency: string;
  /** The formatting locale the amount is typed in ("1 200,50" in French). */
  locale: string;
  /** Today in the agency's time zone (YYYY-MM-DD): a transfer cannot be made later than that. */
  today: string;
}

export type ReadProof = { ok: true; fields: TransferProofFields; file: File } | { ok: false; errors: ProofFormErrors };

/** Checks the form and builds what the API takes; the amount is parsed exactly (parseMoney, never floats). */
export function readProofForm(values: ProofFormValues, { currency, locale, today }: ReadProofOptions): ReadProof {
  const errors: ProofFormErrors = {};
  if (values.leaseId === "") errors.lease_id = "chooseLease";
  const amount = parseMoney(values.amount, currency, locale);
  if (!amount.ok) errors.amount = `amount.${amount.error}`;
  else if (amount.amount === 0) errors.amount = "amount.zero";
  if (!ISO_DATE.test(values.paidOn)) errors.paid_on = "paidOn.missing";
  else if (values.paidOn > today) errors.paid_on = "paidOn.future";
  const reference = values.reference.trim();
  if (reference === "") errors.reference = "reference.missing";
  else if (reference.length > REFERENCE_MAX_LENGTH) errors.reference = "reference.tooLong";
  else if (REFERENCE_REFUSED.test(reference)) errors.reference = "reference.invalid";
  const note = values.note.trim();
  if (note.length > NOTE_MAX_LENGTH) errors.note = "note.tooLong";
  else if (NOTE_REFUSED.test(note)) errors.note = "note.invalid";
  const fileProblem = checkProofFile(values.file);
  if (fileProblem !== null) errors.file = `file.${fileProblem}`;

  if (!amount.ok || values.file === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    file: values.file,
    fields: {
      lease_id: values.leaseId,
      amount: amount.amount,
      paid_on: values.paidOn,
      reference,
      ...(values.invoiceId === "" ? {} : { invoice_id: values.invoiceId }),
      ...(note === "" ? {} : { note }),
    },
  };
}

/** What makes two submissions the same attempt: every field sent and the very same file. */
export function proofFingerprint(fields: TransferProofFields, file: File): string {
  return JSON.stringify([
    fields.lease_id,
    fields.invoice_id ?? null,
    fields.amount,
    fields.paid_on,
    fields.reference,
    fields.note ?? null,
    file.name,
    file.size,
    file.type,
    file.lastModified,
  ]);
}

/**
 * The Idempotency-Key of the submission under way. Sending the same form again (the same fields
 * and the same file) after an answer that was lost, a server problem or a 409 "still in
 * progress" reuses the key, so the server replays the first answer instead of keeping the proof
 * twice. Once the answer is final (sent, or refused with a 4xx) the attempt is over: the next
 * submission, or one with anything changed, is a new attempt with a new key.
 */
export class ProofAttempts {
  private current: { fingerprint: string; key: string } | null = null;
  private readonly newKey: () => string;

  constructor(newKey: () => string = newIdempotencyKey) {
    this.newKey = newKey;
  }

  /** The key to send `fingerprint` with: the kept attempt's when it is the same, else a new one. */
  keyFor(fingerprint: string): string {
    if (this.current?.fingerprint !== fingerprint) this.current = { fingerprint, key: this.newKey() };
    return this.current.key;
  }

  /** The answer arrived (no error) or failed with `error`: keeps the attempt only when its outcome is unknown. */
  settle(error?: unknown): void {
    if (error === undefined || !keepsAttempt(error)) this.current = null;
  }

  /** Whether an attempt whose outcome is unknown is kept (sending it again is safe). */
  get unsettled(): boolean {
    return this.current !== null;
  }
}
