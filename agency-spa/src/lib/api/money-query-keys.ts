/**
 * Query keys of the collections center and reconciliation. Kept apart from query-keys.ts (the
 * book) and shared through lib: a match in reconciliation records a payment, which changes the
 * collections figures, and the invoices and payments screens read the same money.
 */
export const moneyKeys = {
  collections: {
    all: ["collections"] as const,
    summary: (params: object) => ["collections", "summary", params] as const,
    leases: (params: object) => ["collections", "leases", params] as const,
    overdue: (params: object) => ["collections", "overdue", params] as const,
    followUps: {
      all: ["collections", "follow-ups"] as const,
      list: (params: object) => ["collections", "follow-ups", "list", params] as const,
      detail: (id: string) => ["collections", "follow-ups", "detail", id] as const,
    },
    lease: (id: string) => ["collections", "lease", id] as const,
    tenantLeases: (id: string) => ["collections", "tenant-leases", id] as const,
  },
  reconciliation: {
    all: ["reconciliation"] as const,
    statements: (params: object) => ["reconciliation", "statements", params] as const,
    statement: (id: string) => ["reconciliation", "statement", id] as const,
    lines: (params: object) => ["reconciliation", "lines", params] as const,
    line: (id: string) => ["reconciliation", "line", id] as const,
    unpaidOut: () => ["reconciliation", "unpaid-out"] as const,
    candidates: (kind: string, params: object) => ["reconciliation", "candidates", kind, params] as const,
  },
  /** The invoices and payments screens' prefixes (their own keys start so). */
  invoices: ["invoices"] as const,
  payments: ["payments"] as const,
};
