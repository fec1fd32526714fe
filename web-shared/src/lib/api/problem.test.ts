import { describe, expect, it } from "vitest";
import { ApiError, describeProblem, matchField, problemSlug, toProblem, unwrap, type ErrorMessageKey } from "./problem";

const t = (key: ErrorMessageKey) => `[${key}]`;

function problemError(status: number, body: unknown) {
  return new ApiError(status, toProblem(body, status));
}

describe("matchField", () => {
  const fields = ["email", "password", "rent.amount"] as const;

  it.each([
    ["email", "email"],
    ["body.email", "email"],
    ["body/password", "password"],
    ["rent.amount", "rent.amount"],
    ["body.rent.amount", "rent.amount"],
    ["body.tenant.email", "email"],
    ["phone", undefined],
  ])("maps %s to %s", (field, expected) => {
    expect(matchField(field, fields)).toBe(expected);
  });

  it.each([
    ["tenant_ids.0", "tenant_ids"],
    ["body.tenant_ids.3", "tenant_ids"],
    ["rent.currency", "rent"],
    ["rent.amount", "rent.amount"],
  ])("falls back to the longest known prefix: %s -> %s", (field, expected) => {
    expect(matchField(field, ["tenant_ids", "rent", "rent.amount"])).toBe(expected);
  });
});

describe("describeProblem", () => {
  it("puts field errors on the form's fields, in words chosen by their codes, and summarises", () => {
    const error = problemError(422, {
      type: "urn:doorstep:problem:validation-error",
      title: "Invalid input",
      status: 422,
      detail: "email: value is not a valid email address: The part after the @-sign is not valid.",
      errors: [
        { field: "body.email", message: "value is not a valid email address: The part after the @-sign is not valid.", code: "email_invalid" },
        { field: "password", message: "Field required", code: "required" },
      ],
    });
    expect(describeProblem(error, t, { fields: ["email", "password"] })).toEqual({
      message: "[errors.validation]",
      fieldErrors: { email: "[fieldErrors.email_invalid]", password: "[fieldErrors.required]" },
    });
  });

  it("never shows a validator's own text, even without a code it knows or a field it shows", () => {
    const error = problemError(422, {
      type: "urn:doorstep:problem:validation-error",
      status: 422,
      detail: "phone: Value error, something internal",
      errors: [
        { field: "phone", message: "Value error, something internal", code: "some_future_code" },
        { field: "role", message: "Extra inputs are not permitted" },
      ],
    });
    const { message, fieldErrors } = describeProblem(error, t, { fields: ["phone"] });
    expect(fieldErrors).toEqual({ phone: "[fieldErrors.invalid]" });
    expect(message).toBe("[errors.validation] role: [fieldErrors.invalid]");
  });

  it("keeps a business rule's sentence unless its code has words of its own", () => {
    const error = problemError(422, {
      type: "urn:doorstep:problem:invalid-input",
      status: 422,
      errors: [
        { field: "amount", message: "The allocation is larger than the payment.", code: "invalid" },
        { field: "phone", message: "This phone number does not exist.", code: "phone_invalid" },
      ],
    });
    expect(describeProblem(error, t, { fields: ["amount", "phone"] }).fieldErrors).toEqual({
      amount: "The allocation is larger than the payment.",
      phone: "[fieldErrors.phone_invalid]",
    });
  });

  it("keeps field errors the form cannot show in the general message", () => {
    const error = problemError(422, {
      title: "Invalid input",
      status: 422,
      errors: [{ field: "agency_id", message: "Unknown agency." }],
    });
    const { message, fieldErrors } = describeProblem(error, t, { fields: ["email"] });
    expect(fieldErrors).toEqual({});
    expect(message).toBe("Invalid input agency_id: Unknown agency.");
  });

  it("joins several messages for one field", () => {
    const error = problemError(422, {
      errors: [
        { field: "email", message: "Too long." },
        { field: "email", message: "Not a valid email address." },
      ],
    });
    expect(describeProblem(error, t, { fields: ["email"] }).fieldErrors.email).toBe(
      "Too long. Not a valid email address.",
    );
  });

  it("prefers the server's detail for other client errors", () => {
    const error = problemError(409, { title: "Conflict", status: 409, detail: "The lease is already active." });
    expect(describeProblem(error, t).message).toBe("The lease is already active.");
  });

  it("lets the screen override the message for a status", () => {
    const error = problemError(401, { title: "Unauthorized", status: 401, detail: "Bad credentials" });
    expect(describeProblem(error, t, { byStatus: { 401: "errors.invalidCredentials" } }).message).toBe(
      "[errors.invalidCredentials]",
    );
  });

  it("puts a conflict that concerns one field on that field", () => {
    const error = problemError(409, {
      type: "urn:doorstep:problem:tenant-email-taken",
      title: "Another tenant of this agency has this e-mail address",
      status: 409,
      detail: "Another tenant of this agency already has this e-mail address.",
      errors: [],
    });
    expect(describeProblem(error, t, { fields: ["email"], byType: { "tenant-email-taken": { field: "email" } } })).toEqual({
      message: "[errors.validation]",
      fieldErrors: { email: "Another tenant of this agency already has this e-mail address." },
    });
    // In the screen's own words (the API's detail is English only).
    expect(
      describeProblem(error, t, { fields: ["email"], byType: { "tenant-email-taken": { field: "email", message: "Déjà pris." } } })
        .fieldErrors,
    ).toEqual({ email: "Déjà pris." });
    // Other conflicts keep the general message.
    const other = problemError(409, { type: "urn:doorstep:problem:conflict", title: "Conflict", detail: "Nope." });
    expect(describeProblem(other, t, { fields: ["email"], byType: { "tenant-email-taken": { field: "email" } } }).message).toBe(
      "Nope.",
    );
  });

  it("never shows server internals for 5xx", () => {
    const error = problemError(500, { title: "Internal Server Error", detail: "Traceback ..." });
    expect(describeProblem(error, t).message).toBe("[errors.server]");
  });

  it("falls back to the status when the body is not a problem", () => {
    expect(describeProblem(problemError(429, "Too Many Requests"), t).message).toBe("[errors.rateLimited]");
  });

  it("recognises network failures", () => {
    expect(describeProblem(new TypeError("Failed to fetch"), t).message).toBe("[errors.network]");
    expect(describeProblem(new Error("boom"), t).message).toBe("[errors.unknown]");
  });
});

describe("problemSlug", () => {
  it("is the last segment of the problem's type", () => {
    expect(problemSlug(problemError(409, { type: "urn:doorstep:problem:unit-already-let" }))).toBe("unit-already-let");
    expect(problemSlug(problemError(409, {}))).toBeUndefined();
    expect(problemSlug(new Error("x"))).toBeUndefined();
  });
});

describe("unwrap", () => {
  it("returns data of a 2xx answer", () => {
    expect(unwrap({ data: { ok: true }, response: new Response(null, { status: 200 }) })).toEqual({ ok: true });
  });

  it("throws an ApiError carrying the problem", () => {
    const response = new Response(null, { status: 404 });
    expect(() => unwrap({ error: { title: "Not found", status: 404 }, response })).toThrow(ApiError);
    try {
      unwrap({ error: { title: "Not found", status: 404 }, response });
    } catch (error) {
      expect(error).toMatchObject({ status: 404, problem: { title: "Not found" } });
    }
  });
});
