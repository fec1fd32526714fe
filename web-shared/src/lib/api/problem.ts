import * as z from "zod/mini";
import { ApiError, type FetchResult } from "./api-error";

/**
 * RFC 9457 problem details as the API sends them (`application/problem+json`), with Doorstep's
 * `errors: [{field, message, code}]` extension for validation failures. Parsed leniently: anything the
 * server sends that is not a problem becomes one built from the HTTP status.
 */
const ProblemSchema = z.looseObject({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.int()),
  detail: z.nullish(z.string()),
  errors: z.optional(
    z.array(z.object({ field: z.string(), message: z.string(), code: z.optional(z.string()) })),
  ),
  /** A stable reason for card and gateway problems (`card_declined`, `rate_limited`...). */
  code: z.nullish(z.string()),
  /** The bank's reason for a declined card (`insufficient_funds`...), when given. */
  decline_code: z.nullish(z.string()),
});

export type Problem = z.infer<typeof ProblemSchema>;

export * from "./api-error";

export function toProblem(body: unknown, status: number): Problem {
  const parsed = ProblemSchema.safeParse(body);
  return parsed.success ? { status, ...parsed.data } : { status };
}

/** Returns the data of an openapi-fetch result, or throws an {@link ApiError} for a non-2xx answer. */
export function unwrap<R extends FetchResult>(result: R): Exclude<R["data"], undefined> {
  if (!result.response.ok) {
    throw new ApiError(result.response.status, toProblem(result.error, result.response.status));
  }
  return result.data as Exclude<R["data"], undefined>;
}
