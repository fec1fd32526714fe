import { describe, expect, it } from "vitest";
import { ApiError } from "@doorstep/web-shared/lib/api/problem";
import {
  checkProofFile,
  MAX_PROOF_BYTES,
  ProofAttempts,
  proofFingerprint,
  readProofForm,
  type ProofFormValues,
} from "./transfer-proof-form";

const LEASE = "5a7c0e2d-0000-4000-8000-000000000101";

function pdf(name = "transfer.pdf", size = 2048, type = "application/pdf"): File {
  return new File([new Uint8Array(size)], name, { type, lastModified: 1_764_000_000_000 });
}

function values(overrides: Partial<ProofFormValues> = {}): ProofFormValues {
  return { leaseId: LEASE, invoiceId: "", amount: "950.00", paidOn: "2026-11-28", reference: "Invoice 42", note: "", file: pdf(), ...overrides };
}

const EN = { currency: "EUR", locale: "en-GB", today: "2026-11-30" };

describe("checkProofFile", () => {
  it.each([
    ["transfer.pdf", "application/pdf"],
    ["photo.jpg", "image/jpeg"],
    ["screen.png", "image/png"],
    ["screen.webp", "image/webp"],
    ["IMG_0042.HEIC", "image/heic"],
    ["IMG_0042.heif", "image/heif"],
    // Some browsers give a HEIC photo no type at all: its extension tells.
    ["IMG_0043.heic", ""],
  ])("takes %s (%s)", (name, type) => {
    expect(checkProofFile(pdf(name, 10, type))).toBeNull();
  });

  it.each([
    ["animation.gif", "image/gif"],
    ["statement.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["notes.txt", "text/plain"],
    ["no-extension", ""],
  ])("refuses %s (%s)", (name, type) => {
    expect(checkProofFile(pdf(name, 10, type))).toBe("type");
  });

  it("refuses nothing chosen, an empty file and one over 10 MB, and takes exactly 10 MB", () => {
    expect(checkProofFile(null)).toBe("missing");
    expect(checkProofFile(pdf("empty.pdf", 0))).toBe("empty");
    expect(checkProofFile(pdf("big.pdf", MAX_PROOF_BYTES + 1))).toBe("tooLarge");
    expect(checkProofFile(pdf("limit.pdf", MAX_PROOF_BYTES))).toBeNull();
  });
});

describe("readProofForm", () => {
  it("builds the API's fields: amount in minor units, trimmed reference, no empty note or invoice", () => {
    const file = pdf();
    const read = readProofForm(values({ reference: "  Invoice 42 ", file }), EN);
    expect(read).toEqual({
      ok: true,
      file,
      fields: { lease_id: LEASE, amount: 95000, paid_on: "2026-11-28", reference: "Invoice 42" },
    });
  });

  it("keeps the invoice and the note when given", () => {
    const read = readProofForm(values({ invoiceId: "inv-1", note: " Paid in two transfers \n" }), EN);
    expect(read.ok && read.fields).toMatchObject({ invoice_id: "inv-1", note: "Paid in two transfers" });
  });

  it.each([
    ["0.29", "en-GB", 29],
    ["1,200.50", "en-GB", 120050],
    ["1 200,50", "fr-BE", 120050],
    ["1.200,50", "nl-BE", 120050],
    ["950", "nl-BE", 95000],
  ])("reads %s in %s exactly as %i cents (never through a float)", (amount, locale, minor) => {
    const read = readProofForm(values({ amount }), { ...EN, locale });
    expect(read.ok && read.fields.amount).toBe(minor);
  });

  it("says what is wrong with each field", () => {
    const read = readProofForm(
      { leaseId: "", invoiceId: "", amount: "12.345", paidOn: "2026-12-01", reference: "  ", note: "x".repeat(1001), file: pdf("a.gif", 5, "image/gif") },
      EN,
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        lease_id: "chooseLease",
        amount: "amount.tooManyDecimals",
        paid_on: "paidOn.future",
        reference: "reference.missing",
        note: "note.tooLong",
        file: "file.type",
      },
    });
  });

  it.each([
    ["", "amount.empty"],
    ["0", "amount.zero"],
    ["0.00", "amount.zero"],
    ["-5", "amount.negative"],
    ["ten", "amount.invalid"],
    ["9,50,00", "amount.invalid"],
  ])("refuses the amount %j (%s)", (amount, error) => {
    const read = readProofForm(values({ amount }), EN);
    expect(read.ok ? null : read.errors.amount).toBe(error);
  });

  it("accepts a transfer made today in the agency's zone, not a missing date or tabs in the reference", () => {
    expect(readProofForm(values({ paidOn: "2026-11-30" }), EN).ok).toBe(true);
    const read = readProofForm(values({ paidOn: "", reference: "Invoice\t42", file: null }), EN);
    expect(read.ok ? null : read.errors).toEqual({ paid_on: "paidOn.missing", reference: "reference.invalid", file: "file.missing" });
  });
});


describe("ProofAttempts", () => {
  const fields = { lease_id: LEASE, amount: 95000, paid_on: "2026-11-28", reference: "Invoice 42" };

  function keys() {
    let next = 0;
    return () => `key-${++next}`;
  }

  it("keeps the key of an attempt whose outcome is unknown, for the very same form and file", () => {
    const attempts = new ProofAttempts(keys());
    const file = pdf();
    const first = attempts.keyFor(proofFingerprint(fields, file));
    attempts.settle(new TypeError("Failed to fetch"));
    expect(attempts.unsettled).toBe(true);
    expect(attempts.keyFor(proofFingerprint(fields, file))).toBe(first);
    attempts.settle(new ApiError(502, { status: 502 }));
    expect(attempts.keyFor(proofFingerprint(fields, file))).toBe(first);
    attempts.settle(new ApiError(409, { status: 409, type: "urn:doorstep:problem:request-in-progress" }));
    expect(attempts.keyFor(proofFingerprint(fields, file))).toBe(first);
  });

  it("starts a new attempt once the answer is final, or when anything changed", () => {
    const attempts = new ProofAttempts(keys());
    const file = pdf();
    expect(attempts.keyFor(proofFingerprint(fields, file))).toBe("key-1");
    attempts.settle(new TypeError("Failed to fetch"));
    // Another amount, or another file: not the same attempt.
    expect(attempts.keyFor(proofFingerprint({ ...fields, amount: 90000 }, file))).toBe("key-2");
    attempts.settle(new TypeError("Failed to fetch"));
    expect(attempts.keyFor(proofFingerprint({ ...fields, amount: 90000 }, pdf("other.pdf")))).toBe("key-3");
    // Refused (422 on a field, 409 duplicate): the next one is new.
    attempts.settle(new ApiError(422, { status: 422, errors: [{ field: "paid_on", message: "future" }] }));
    expect(attempts.unsettled).toBe(false);
    expect(attempts.keyFor(proofFingerprint({ ...fields, amount: 90000 }, pdf("other.pdf")))).toBe("key-4");
    attempts.settle(new ApiError(409, { status: 409, type: "urn:doorstep:problem:proof-already-submitted" }));
    expect(attempts.keyFor(proofFingerprint(fields, file))).toBe("key-5");
    // Sent: the same form again would be a second proof, with a key of its own.
    attempts.settle();
    expect(attempts.keyFor(proofFingerprint(fields, file))).toBe("key-6");
  });
});
