import { ApiError } from "@doorstep/web-shared/lib/api/problem";

export interface FileProblem {
  /** The line of the file (the header is line 1), when the problem is on one. */
  line: number | undefined;
  /** The column it is in: date, amount, reference or counterparty. */
  column: string | undefined;
  message: string;
}

const LINE_FIELD = /^file\.line (\d+)(?:\.(\w+))?$/u;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/iu;

/**
 * What is wrong with an imported file, one entry per problem: the API answers 422
 * `statement-unreadable` with `errors: [{field: "file.line 7.amount", message}]` (or `field:
 * "file"` for the whole file), and refuses the whole file, so the person importing can fix it.
 */
export function fileProblems(error: unknown): FileProblem[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  return (error.problem.errors ?? []).map(({ field, message }) => {
    const match = LINE_FIELD.exec(field);
    return { line: match === null ? undefined : Number(match[1]), column: match?.[2], message };
  });
}

export function problemSlugOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.problem.type?.split(":").at(-1) : undefined;
}

/** The earlier statement a duplicate import names (409 statement-already-imported), to link to it. */
export function earlierStatementId(error: unknown): string | undefined {
  if (problemSlugOf(error) !== "statement-already-imported" || !(error instanceof ApiError)) return undefined;
  return UUID.exec(error.problem.detail ?? "")?.[0];
}
