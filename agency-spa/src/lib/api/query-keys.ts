/**
 * The app's one registry of query keys, shared by every feature so that a mutation can refresh
 * all views of a resource by its prefix: `invalidateQueries({ queryKey: queryKeys.units.all })`
 * refreshes the units list, a property's units, a unit's detail and the lease form's unit select.
 */
export const queryKeys = {
  properties: {
    all: ["properties"] as const,
    list: (params: object) => ["properties", "list", params] as const,
    options: () => ["properties", "options"] as const,
    detail: (id: string) => ["properties", "detail", id] as const,
  },
  units: {
    all: ["units"] as const,
    list: (params: object) => ["units", "list", params] as const,
    options: (propertyId: string) => ["units", "options", propertyId] as const,
    detail: (id: string) => ["units", "detail", id] as const,
  },
  tenants: {
    all: ["tenants"] as const,
    list: (params: object) => ["tenants", "list", params] as const,
    detail: (id: string) => ["tenants", "detail", id] as const,
  },
  leases: {
    all: ["leases"] as const,
    list: (params: object) => ["leases", "list", params] as const,
    detail: (id: string) => ["leases", "detail", id] as const,
  },
  // Money: anything that moves money refreshes all four (an invoice's outstanding, a payment's
  // credit, a lease's balance and the approvals inbox all derive from the same ledger).
  invoices: {
    all: ["invoices"] as const,
    list: (params: object) => ["invoices", "list", params] as const,
    detail: (id: string) => ["invoices", "detail", id] as const,
    creditNotes: (id: string) => ["invoices", "credit-notes", id] as const,
    paymentLinkEmails: (id: string) => ["invoices", "payment-link-emails", id] as const,
  },
  payments: {
    all: ["payments"] as const,
    list: (params: object) => ["payments", "list", params] as const,
    detail: (id: string) => ["payments", "detail", id] as const,
  },
  balances: {
    all: ["balances"] as const,
    lease: (leaseId: string) => ["balances", "lease", leaseId] as const,
  },
  approvals: {
    all: ["approvals"] as const,
    list: (params: object) => ["approvals", "list", params] as const,
  },
  // The collections center and reconciliation read the same ledger: their figures, overdue
  // ageing, follow-up amounts and match candidates are refreshed with the four above.
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
  /** The start page: what needs action today and the month's figures (all read from the ledger). */
  dashboard: () => ["dashboard"] as const,
  /** Whether the scheduled work runs (the banner above every page). */
  scheduler: {
    health: () => ["scheduler", "health"] as const,
  },
  /** Tenants' proofs of a bank transfer: the queue, one proof, a lease's, a tenant's or an invoice's pending ones. */
  /** Seed 002's messages: the inbox, one conversation, the unread count, the leases a new one may be about. */
  messages: {
    all: ["messages"] as const,
    list: (params: object) => ["messages", "list", params] as const,
    detail: (id: string) => ["messages", "detail", id] as const,
    unread: ["messages", "unread"] as const,
    leaseParties: (params: object) => ["messages", "lease-parties", params] as const,
  },
  /** Seed 002's incidents: the queue, one incident with its history, a photo (a blob that never changes). */
  incidents: {
    all: ["incidents"] as const,
    list: (params: object) => ["incidents", "list", params] as const,
    detail: (id: string) => ["incidents", "detail", id] as const,
  },
  incidentPhoto: (id: string) => ["incident-photo", id] as const,
  contractors: {
    all: ["contractors"] as const,
    list: (params: object) => ["contractors", "list", params] as const,
    /** Under the contractors: archiving one or taking a trade off them changes the routes. */
    routes: () => ["contractors", "routes"] as const,
  },
  transferProofs: {
    all: ["transfer-proofs"] as const,
    list: (params: object) => ["transfer-proofs", "list", params] as const,
    detail: (id: string) => ["transfer-proofs", "detail", id] as const,
  },
  /** A proof's file (an image shown inline): it never changes, so it is kept apart from the proofs' prefix. */
  transferProofFile: (id: string) => ["transfer-proof-file", id] as const,
  /** Seed 001's Customers section: onboarding invites (a list, one invite with its progress), tasks and flows. */
  onboarding: {
    all: ["onboarding"] as const,
    invites: (params: object) => ["onboarding", "invites", params] as const,
    invite: (id: string) => ["onboarding", "invite", id] as const,
    tasks: (params: object) => ["onboarding", "tasks", params] as const,
    flows: (params: object) => ["onboarding", "flows", params] as const,
    assignments: (tenantId: string) => ["onboarding", "assignments", tenantId] as const,
  },
  /** Seed 000's review before an invite or a payment link, and the overrides recorded. */
  readiness: {
    all: ["readiness"] as const,
    checklist: (tenantId: string, purpose: string, leaseId: string) => ["readiness", "checklist", tenantId, purpose, leaseId] as const,
    overrides: (params: object) => ["readiness", "overrides", params] as const,
  },
  /** The agency's trust account: whether payments recorded by staff settle the oldest invoice first. */
  trustAccount: () => ["trust-account"] as const,
};
