import { describe, expect, it } from "vitest";
import { aTransferProof } from "@/testing/fixtures";
import { proofFileKind } from "../api/proof-file";
import { confirmationBody, initialConfirmValues } from "./confirm-form";
import { formatFileSize, statusFilter } from "./proof-filters";

describe("statusFilter", () => {
  it("is the review queue unless told otherwise", () => {
    expect(statusFilter("")).toBe("submitted");
    expect(statusFilter("nonsense")).toBe("submitted");
    expect(statusFilter("rejected")).toBe("rejected");
    expect(statusFilter("all")).toBe("");
  });
});

describe("proofFileKind", () => {
  it("shows photos inline, PDFs apart, and downloads the rest", () => {
    expect(proofFileKind("image/png")).toBe("image");
    expect(proofFileKind("image/jpeg")).toBe("image");
    expect(proofFileKind("image/webp")).toBe("image");
    expect(proofFileKind("application/pdf")).toBe("pdf");
    expect(proofFileKind("image/heic")).toBe("download");
    expect(proofFileKind("text/html")).toBe("download");
    expect(proofFileKind("image/svg+xml")).toBe("download");
  });
});

describe("formatFileSize", () => {
  it("says sizes in the UI language", () => {
    // Intl puts narrow/normal no-break spaces in some locales; compare with plain spaces.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/gu, " ");
    expect(plain(formatFileSize(512, "en"))).toBe("512 byte");
    expect(plain(formatFileSize(48213, "en"))).toBe("48.2 kB");
    expect(plain(formatFileSize(2_400_000, "fr"))).toBe("2,4 Mo");
  });
});

describe("the confirmation", () => {
  it("starts from what the tenant said", () => {
    expect(initialConfirmValues(aTransferProof(), "fr")).toEqual({ amount: "950,00", receivedOn: "2026-11-28", reference: "RENT DEC 1A" });
  });

  it("always sends what staff confirm, and the split unless the trust account allocates", () => {
    const details = { amount: 90000, receivedOn: "2026-11-30", reference: " BANK 42 " };
    expect(confirmationBody(details, null)).toEqual({ amount: 90000, received_on: "2026-11-30", reference: "BANK 42" });
    expect(confirmationBody(details, [])).toEqual({ amount: 90000, received_on: "2026-11-30", reference: "BANK 42", allocations: [] });
    expect(confirmationBody(details, [{ invoice_id: "inv", amount: 90000 }]).allocations).toEqual([{ invoice_id: "inv", amount: 90000 }]);
  });
});
