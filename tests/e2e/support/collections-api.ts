/**
 * What the money specs set up and read through the API itself (not the UI under test): their own
 * property, unit, tenant, lease and invoices, so their assertions do not depend on what other
 * specs did to the shared demo agency, or fresh invoices on a seeded lease; and the invoices API,
 * to check the collections figures against another part of the system.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, SEEDED_LEASE, TENANT, type Login } from "./fixtures";

export const AGENCY_TIME_ZONE = "Europe/Brussels";

/** Today in the agency's time zone, "YYYY-MM-DD". */
export function agencyToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: AGENCY_TIME_ZONE }).format(new Date());
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

export function monthBounds(day: string): { first: string; last: string } {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { first, last };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type Bucket = "1–30 days" | "31–60 days" | "61–90 days" | "Over 90 days";
export const BUCKETS: readonly Bucket[] = ["1–30 days", "31–60 days", "61–90 days", "Over 90 days"];

/** The collections center's ageing bucket (1–30, 31–60, 61–90, over 90 days past due). */
export function bucketOf(daysOverdue: number): Bucket | undefined {
  if (daysOverdue < 1) return undefined;
  if (daysOverdue <= 30) return "1–30 days";
  if (daysOverdue <= 60) return "31–60 days";
  if (daysOverdue <= 90) return "61–90 days";
  return "Over 90 days";
}

/** Euros from cents as the agency SPA shows them in English: "€1,234.56". */
export function euros(cents: number): string {
  return new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** Euros as the tenant's e-mail writes them for the agency's locale (en-BE): "1.234,56 €". */
export function eurosInMail(cents: number): string {
  const [whole, fraction] = (cents / 100).toFixed(2).split(".") as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ".")},${fraction} €`;
}

/** A date as the tenant's e-mail writes it (en-BE long): "1 November 2026". */
export function longDateInMail(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export interface Invoice {
  id: string;
  number: number | null;
  lease_id: string;
  state: string;
  due_date: string;
  total: number;
  credited: number;
  paid: number;
  outstanding: number;
  unit_name: string;
  property_name: string;
  tenant_names: string[];
}

export class StaffApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, login: Login): Promise<StaffApi> {
    const response = await request.post("/api/v1/auth/staff/login", { data: login });
    expect(response.status(), await response.text()).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    return new StaffApi(request, token);
  }

  private headers(extra: Record<string, string> = {}) {
    return { Authorization: `Bearer ${this.token}`, ...extra };
  }

  async post<T>(path: string, data?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const response = await this.request.post(`/api/v1${path}`, { headers: this.headers(extra), ...(data === undefined ? {} : { data }) });
    expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async patch<T>(path: string, data: unknown): Promise<T> {
    const response = await this.request.patch(`/api/v1${path}`, { headers: this.headers(), data });
    expect(response.ok(), `PATCH ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async put<T>(path: string, data: unknown): Promise<T> {
    const response = await this.request.put(`/api/v1${path}`, { headers: this.headers(), data });
    expect(response.ok(), `PUT ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async get<T>(path: string, params: Record<string, string | string[]> = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) for (const item of [value].flat()) query.append(name, item);
    const response = await this.request.get(`/api/v1${path}?${query.toString()}`, { headers: this.headers() });
    expect(response.ok(), `GET ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  /** Every invoice that is not a draft or void (what the collections center counts), all pages. */
  async countedInvoices(params: Record<string, string>): Promise<Invoice[]> {
    const found: Invoice[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<{ items: Invoice[]; next_cursor: string | null }>("/invoices", {
        ...params,
        state: ["open", "partially_paid", "paid"],
        limit: "200",
        ...(cursor === undefined ? {} : { cursor }),
      });
      found.push(...page.items);
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    return found;
  }

  /**
   * A property with one unit, a tenant and an active monthly lease that started two months ago,
   * all named `name` — the spec's own corner of the demo agency.
   */
  async ownLease(name: string, tenant: { first_name: string; last_name: string; email: string }) {
    const today = agencyToday();
    const property = await this.post<{ id: string }>("/properties", {
      name,
      address_line1: "Rue Neuve 1",
      city: "Brussels",
      postal_code: "1000",
      country: "BE",
    });
    const unit = await this.post<{ id: string; name: string }>("/units", { property_id: property.id, name: "Flat C" });
    const person = await this.post<{ id: string }>("/tenants", tenant);
    const lease = await this.post<{ id: string }>("/leases", {
      unit_id: unit.id,
      tenant_ids: [person.id],
      start_date: monthBounds(addDays(monthBounds(today).first, -40)).first,
      rent: { amount: 70_000, currency: "EUR" },
      frequency: "monthly",
      due_day: 1,
    });
    await this.post(`/leases/${lease.id}/activate`);
    return { propertyId: property.id, unitName: unit.name, tenantId: person.id, leaseId: lease.id };
  }

  /** The id of the demo tenant's seeded lease, whatever other specs added for them. */
  async seededLeaseId(): Promise<string> {
    const tenants = await this.get<{ items: { id: string; email: string }[] }>("/tenants", { q: TENANT.email });
    const tenant = tenants.items.find((item) => item.email === TENANT.email);
    expect(tenant, "the demo tenant").toBeDefined();
    const leases = await this.get<{ items: { id: string; unit: { name: string; property_name: string } }[] }>("/leases", {
      tenant_id: tenant?.id ?? "",
      status: "active",
    });
    const lease = leases.items.find((item) => item.unit.property_name === SEEDED_LEASE.property && item.unit.name === SEEDED_LEASE.unit);
    expect(lease, "the demo tenant's seeded lease").toBeDefined();
    return lease?.id ?? "";
  }

  /** An open invoice of one line (approved here unless the agency opens new invoices at once). */
  async openInvoice(leaseId: string, dueDate: string, amount: number, description: string): Promise<Invoice> {
    const created = await this.post<Invoice & { status: string }>("/invoices", {
      lease_id: leaseId,
      kind: "fee",
      due_date: dueDate,
      lines: [{ description, amount }],
    });
    return created.status === "draft" ? this.post<Invoice>(`/invoices/${created.id}/approve`) : created;
  }
}
