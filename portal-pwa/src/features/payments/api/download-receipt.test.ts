import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@doorstep/web-shared/lib/api/problem";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { session } from "@/lib/api/client";
import { fetchReceipt, receiptFileName } from "./download-receipt";

const PAYMENT_ID = "b7d0c3a1-0000-4000-8000-000000000401";

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("fetchReceipt", () => {
  it("asks for the PDF with the session's token and gives it back as a blob", async () => {
    const fetch = stubApi({
      [`GET /api/v1/portal/payments/${PAYMENT_ID}/receipt.pdf`]: (request) =>
        request.headers.get("Authorization") === "Bearer t1"
          ? new Response("%PDF-1.7 receipt", { headers: { "Content-Type": "application/pdf" } })
          : jsonResponse({ status: 401, title: "Unauthorized" }, 401),
    });

    const blob = await fetchReceipt(PAYMENT_ID);

    expect(await blob.text()).toBe("%PDF-1.7 receipt");
    expect(blob.type).toBe("application/pdf");
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("throws the API's problem when there is no receipt", async () => {
    stubApi({
      [`GET /api/v1/portal/payments/${PAYMENT_ID}/receipt.pdf`]: () => jsonResponse({ status: 404, title: "Not Found", detail: "No receipt yet." }, 404),
    });
    await expect(fetchReceipt(PAYMENT_ID)).rejects.toEqual(new ApiError(404, { status: 404, title: "Not Found", detail: "No receipt yet." }));
  });

  it("names the file after the receipt number", () => {
    expect(receiptFileName(17, "2026-12-01")).toBe("receipt-17.pdf");
    expect(receiptFileName(null, "2026-12-01")).toBe("receipt-2026-12-01.pdf");
  });
});
