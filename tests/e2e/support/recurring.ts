/**
 * What the recurring-payment cycle specs set up and read outside the screens under test: an
 * agency of their own (created with the `doorstep` command, then furnished through the API as
 * its owner), the calendar they walk with `doorstep tick --agency`, the set-up through the
 * portal's card form, and the development mailbox.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { addDays, agencyToday, monthBounds, StaffApi } from "./collections-api";
import { createAgency, createUser } from "./doorstep-cli";
import { expect, type Login } from "./fixtures";

export interface OwnAgency {
  id: string;
  name: string;
  owner: Login;
  tenant: Login & { firstName: string; lastName: string };
  property: string;
  unit: string;
  leaseId: string;
  rent: number;
}

/**
 * A new agency (en-BE, Europe/Brussels, EUR, card payments and payment links on) with an owner,
 * one property, one unit and an active monthly lease of `rent` due on `dueDay`, whose tenant
 * has a portal login. Its own agency, not the demo one: these specs walk its days ahead with
 * `doorstep tick --agency`, which bills, reminds and charges nobody else's tenants.
 */
export async function ownAgency(request: APIRequestContext, options: { label: string; rent: number; dueDay: number }): Promise<OwnAgency> {
  const suffix = randomBytes(3).toString("hex");
  const name = `${options.label} Lettings ${suffix}`;
  const id = await createAgency({ name, country: "BE", currency: "EUR", locale: "en-BE", timezone: "Europe/Brussels" });
  const owner = { email: `owner.${suffix}@doorstep.example`, password: `Owner-${randomBytes(9).toString("hex")}` };
  await createUser(id, { ...owner, firstName: "Rita", lastName: `Owner${suffix}`, role: "owner" });

  const api = await StaffApi.signIn(request, owner);
  await api.patch("/agency", {
    settings: { features: { online_payments: true, payment_links: true }, contact_email: `accounts.${suffix}@doorstep.example` },
  });
  const property = `${options.label} House ${suffix}`;
  const createdProperty = await api.post<{ id: string }>("/properties", {
    name: property,
    address_line1: "Rue Royale 10",
    city: "Brussels",
    postal_code: "1000",
    country: "BE",
  });
  const unit = await api.post<{ id: string; name: string }>("/units", { property_id: createdProperty.id, name: "Flat R" });
  const tenant = {
    email: `renee.${suffix}@doorstep.example`,
    password: `Tenant-${randomBytes(9).toString("hex")}`,
    firstName: "Renée",
    lastName: `Recurring${suffix}`,
  };
  const person = await api.post<{ id: string }>("/tenants", { first_name: tenant.firstName, last_name: tenant.lastName, email: tenant.email });
  const lease = await api.post<{ id: string }>("/leases", {
    unit_id: unit.id,
    tenant_ids: [person.id],
    // Started two months ago; rent falls due from the activation day on (billing starts then).
    start_date: monthBounds(addDays(agencyToday(), -60)).first,
    rent: { amount: options.rent, currency: "EUR" },
    frequency: "monthly",
    due_day: options.dueDay,
  });
  await api.post(`/leases/${lease.id}/activate`);
  await createUser(id, { ...tenant, role: "tenant" });
  return { id, name, owner, tenant, property, unit: unit.name, leaseId: lease.id, rent: options.rent };
}

/** A day's morning in Brussels (07:00 UTC is 08:00 or 09:00 there: the same calendar day). */
export function morning(day: string): string {
  return `${day}T07:00:00Z`;
}

/**
 * The days a spec walks, from today (the set-up day). Seed 003: only rent invoices issued and
 * approved from the day after set-up are paid by recurring payment, so the next rent falls due
 * 20 to 23 days from now: beyond the 14 days ahead that rent is invoiced (the worker's own
 * ticks today invoice nothing of it), on a day every month has.
 * - `invoiceDay`: 14 days before the due date, the invoice is issued and approved (the agency
 *   opens generated invoices at once) and its charge scheduled;
 * - `reminderDay`: 3 days before, the pre-charge reminder freezes the amount;
 * - `due`: the charge (never sooner than 3 days after the reminder: here both fall that day).
 */
export function rentCalendar(today: string = agencyToday()) {
  let due = addDays(today, 20);
  if (Number(due.slice(8, 10)) > 28) due = addDays(monthBounds(due).last, 1);
  return { setUpDay: today, due, dueDay: Number(due.slice(8, 10)), invoiceDay: addDays(due, -14), reminderDay: addDays(due, -3) };
}

/** Sets recurring payment up on the signed-in tenant's lease with a new card (localstripe's 4242…). */
export async function setUpRecurringByCard(page: Page, property: string): Promise<void> {
  await page.locator('a[href*="/leases/"]').filter({ hasText: property }).first().click();
  await page.getByRole("link", { name: "Recurring payment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recurring payment" })).toBeVisible();
  const form = page.getByRole("form", { name: "Pay your rent automatically" });
  const element = form.locator("[data-card-element]");
  await expect(element.getByPlaceholder("number", { exact: true })).toBeVisible();
  await element.getByPlaceholder("number", { exact: true }).fill("4242424242424242");
  await element.getByPlaceholder("exp_month", { exact: true }).fill("12");
  await element.getByPlaceholder("exp_year", { exact: true }).fill("34");
  await element.getByPlaceholder("cvc", { exact: true }).fill("123");
  await element.getByPlaceholder("postal_code", { exact: true }).fill("1000");
  await form.getByRole("checkbox", { name: "I have read and accept this authorisation." }).check();
  await form.getByRole("button", { name: "Set up recurring payment" }).click();
  await expect(page.getByRole("region", { name: "Recurring payment is on" })).toContainText(/4242/u);
}

export interface Mail {
  id: string;
  subject: string;
  text: string;
}

/** Text of the mailbox's HTML, with the no-break spaces amounts are written with as plain ones. */
function unescapeHtml(text: string): string {
  return text
    .replace(/\u00a0/gu, " ")
    .replace(/<[^>]+>/gu, "")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&#x27;/gu, "'")
    .replace(/&amp;/gu, "&");
}

/** The messages to `to` in the development mailbox whose subject matches, newest first. */
export async function mailsTo(request: APIRequestContext, to: string, subject: RegExp): Promise<Mail[]> {
  const listing = await (await request.get("/dev/mailbox")).text();
  const rows = listing.matchAll(/<td>([^<]*)<\/td><td><a href="\/dev\/mailbox\/([^"]+)">([^<]*)<\/a>/gu);
  const found: Mail[] = [];
  for (const [, recipient, id, escapedSubject] of rows) {
    // A long subject is folded onto the header's next line: it reads back with a leading space.
    const title = unescapeHtml(escapedSubject ?? "").trim();
    if (unescapeHtml(recipient ?? "") !== to || !subject.test(title) || id === undefined) continue;
    const page = await (await request.get(`/dev/mailbox/${id}`)).text();
    const text = /<pre>([\s\S]*?)<\/pre>/u.exec(page)?.[1] ?? "";
    found.push({ id, subject: title, text: unescapeHtml(text) });
  }
  return found;
}

/** Waits (the tick queued it; the worker sends it) for exactly one such message, and returns it. */
export async function theMail(request: APIRequestContext, to: string, subject: RegExp): Promise<Mail> {
  let mails: Mail[] = [];
  await expect
    .poll(async () => (mails = await mailsTo(request, to, subject)).length, { message: `one e-mail to ${to} with a subject like ${subject}`, timeout: 30_000 })
    .toBe(1);
  return mails[0] as Mail;
}
