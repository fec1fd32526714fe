import { fieldErrorMessage, type FieldErrorKey } from "./field-errors";
import type { Problem } from "./problem";

/**
 * What the API's errors become for the UI: {@link ApiError}, and {@link describeProblem} to word
 * one. Free of the problem-details schema (zod), so the code of a first load can report an error
 * without carrying the parser: {@link unwrapLazily} loads it (./problem) only when an answer is
 * an error. Everything here is also exported by ./problem.
 */

export type { Problem };
export interface FieldError {
  field: string;
  message: string;
  code?: string | undefined;
}

/** An API call that answered with a non-2xx status. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

/** fetch() rejects with a TypeError when the network (not the server) fails. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

/** The message keys describeProblem may ask for; every locale must define them. */
export type ErrorMessageKey =
  | FieldErrorKey
  | "errors.network"
  | "errors.badRequest"
  | "errors.unauthorized"
  | "errors.forbidden"
  | "errors.notFound"
  | "errors.conflict"
  | "errors.validation"
  | "errors.rateLimited"
  | "errors.server"
  | "errors.invalidCredentials"
  | "errors.unknown";

export interface ProblemMessage<F extends string> {
  /** One sentence for an alert above the form. */
  message: string;
  /** Messages for the form's own fields, keyed by field name. */
  fieldErrors: Partial<Record<F, string>>;
}

const STATUS_MESSAGES: Record<number, ErrorMessageKey> = {
  400: "errors.badRequest",
  401: "errors.unauthorized",
  403: "errors.forbidden",
  404: "errors.notFound",
  409: "errors.conflict",
  422: "errors.validation",
  429: "errors.rateLimited",
};

/**
 * Maps a problem's `field` ("email", "body.email", "body/rent/amount", "rent.amount") onto one of
 * the form's fields: an exact match first, then the path without a leading "body", then its
 * longest known prefix ("tenant_ids.0" -> "tenant_ids", "rent.currency" -> "rent"), then its
 * last segment.
 */
export function matchField<F extends string>(field: string, fields: readonly F[]): F | undefined {
  const known = new Set<string>(fields);
  const segments = field.split(/[./]/).filter((segment) => segment !== "");
  const withoutBody = segments[0] === "body" ? segments.slice(1) : segments;
  const prefixes = withoutBody.slice(0, -1).map((_, index) => withoutBody.slice(0, withoutBody.length - 1 - index).join("."));
  const candidates = [field, withoutBody.join("."), ...prefixes, withoutBody.at(-1) ?? ""];
  const hit = candidates.find((candidate) => known.has(candidate));
  return hit as F | undefined;
}

export interface DescribeOptions<F extends string> {
  /** The form's field names; matching field errors are returned per field. */
  fields?: readonly F[];
  /** Messages this screen knows better than the server for a status, e.g. 401 on a login form. */
  byStatus?: Partial<Record<number, ErrorMessageKey>>;
  /**
   * Problems that concern one field without naming it, by their slug (see {@link problemSlug}):
   * shown on that field, in the screen's own words when `message` is given (the API's detail is
   * English only), else with the API's detail.
   */
  byType?: Partial<Record<string, { field: F; message?: string }>>;
}

/** The last segment of a problem's `type`: "urn:doorstep:problem:unit-already-let" -> "unit-already-let". */
export function problemSlug(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.problem.type === undefined) return undefined;
  return error.problem.type.split(":").at(-1);
}

/**
 * Turns whatever an API call threw into text for the user: one general message plus per-field
 * messages for the fields this form has. Field errors for fields the form does not show are
 * folded into the general message so nothing the server said is lost. Field errors are worded
 * from their codes in the user's language (see field-errors.ts). The server's `detail` is
 * used as is (the client sends Accept-Language so the API can localise it), except for 5xx
 * answers, which get a generic message.
 */
export function describeProblem<F extends string = never>(
  error: unknown,
  t: (key: ErrorMessageKey) => string,
  { fields = [], byStatus = {}, byType = {} }: DescribeOptions<F> = {},
): ProblemMessage<F> {
  if (!(error instanceof ApiError)) {
    return { message: t(isNetworkError(error) ? "errors.network" : "errors.unknown"), fieldErrors: {} };
  }
  const { problem, status } = error;
  const fieldErrors: Partial<Record<F, string>> = {};
  const unmatched: string[] = [];
  const byThisType = byType[problemSlug(error) ?? ""];
  if (byThisType !== undefined && (problem.errors ?? []).length === 0) {
    fieldErrors[byThisType.field] = byThisType.message ?? problem.detail ?? problem.title ?? t("errors.unknown");
    return { message: t("errors.validation"), fieldErrors };
  }
  const fromValidation = problemSlug(error) === "validation-error";
  for (const fieldError of problem.errors ?? []) {
    const { field } = fieldError;
    const message = fieldErrorMessage(fieldError, t, fromValidation);
    const target = matchField(field, fields);
    if (target === undefined) {
      unmatched.push(`${field}: ${message}`);
    } else {
      const previous = fieldErrors[target];
      fieldErrors[target] = previous === undefined ? message : `${previous} ${message}`;
    }
  }
  const generic = t(status >= 500 ? "errors.server" : (STATUS_MESSAGES[status] ?? "errors.unknown"));
  const override = byStatus[status];
  let summary: string;
  if (override !== undefined) {
    summary = t(override);
  } else if (status >= 500 || (status === 422 && (fromValidation || Object.keys(fieldErrors).length > 0))) {
    // A validation failure's detail repeats the validator's English texts: never shown.
    summary = generic;
  } else {
    summary = problem.detail ?? problem.title ?? generic;
  }
  return {
    message: unmatched.length > 0 ? `${summary} ${unmatched.join("; ")}` : summary,
    fieldErrors,
  };
}

export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * `unwrap` (./problem) for the code of a first load: the same data or the same {@link ApiError},
 * the problem-details parser fetched only when the answer is an error.
 */
export async function unwrapLazily<R extends FetchResult>(result: R): Promise<Exclude<R["data"], undefined>> {
  if (!result.response.ok) {
    const { toProblem } = await import("./problem");
    throw new ApiError(result.response.status, toProblem(result.error, result.response.status));
  }
  return result.data as Exclude<R["data"], undefined>;
}
