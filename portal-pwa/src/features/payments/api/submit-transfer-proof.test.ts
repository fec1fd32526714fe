import { describe, expect, it } from "vitest";
import { transferProofFormData } from "./submit-transfer-proof";

describe("transferProofFormData", () => {
  const file = new File(["%PDF-1.4 proof"], "Virement novembre.pdf", { type: "application/pdf" });

  it("sends every field as text (the amount in minor units, digits only) and the file under its own name", () => {
    const form = transferProofFormData(
      { lease_id: "lease-1", invoice_id: "invoice-1", amount: 120050, paid_on: "2026-11-28", reference: "Invoice 42", note: "Two transfers" },
      file,
    );
    expect([...form.keys()]).toEqual(["lease_id", "amount", "paid_on", "reference", "invoice_id", "note", "file"]);
    expect(form.get("amount")).toBe("120050");
    expect(form.get("invoice_id")).toBe("invoice-1");
    const sent = form.get("file");
    expect(sent).toBeInstanceOf(Blob);
    expect((sent as File).name).toBe("Virement novembre.pdf");
    expect((sent as File).type).toBe("application/pdf");
  });

  it("leaves out an invoice and a note that were not given", () => {
    const form = transferProofFormData({ lease_id: "lease-1", amount: 5000, paid_on: "2026-11-28", reference: "Rent", invoice_id: null, note: "" }, file);
    expect(form.has("invoice_id")).toBe(false);
    expect(form.has("note")).toBe(false);
  });
});
