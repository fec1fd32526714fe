/**
 * The `doorstep` command run by the specs as operations run it, against the suite's server: the
 * same database, Redis, gateway (localstripe), mail server and secret key, read from the
 * settings file `doorstep run --settings-file` wrote (global-setup.ts hands its path over as
 * DOORSTEP_E2E_SETTINGS_FILE; give it yourself with DOORSTEP_E2E_BASE_URL).
 *
 * `doorstep tick --at <instant>` is synchronous: when it returns, what the tick did is
 * committed (the e-mails it queued are delivered by the server's worker, or by the tick's own
 * outbox drain, within moments: wait for them in the mailbox).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { doorstepCommand, REPO_ROOT, SETTINGS_FILE_VARIABLE } from "./server";

const COMMAND_TIMEOUT_MS = 120_000;

/** The DOORSTEP_* settings the suite's API and worker run with. */
export function serverSettings(): Record<string, string> {
  const file = process.env[SETTINGS_FILE_VARIABLE];
  if (file === undefined || file === "") {
    throw new Error(
      `${SETTINGS_FILE_VARIABLE} is not set: these specs run \`doorstep\` against the server's database ` +
        "(global-setup.ts sets it; with DOORSTEP_E2E_BASE_URL, point it at that server's `doorstep run --settings-file`)",
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}

/** Runs `doorstep <args>` (the password prompts read `input`); resolves with its standard output. */
export async function doorstep(args: readonly string[], input?: string): Promise<string> {
  const child = spawn(doorstepCommand(), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...serverSettings(), NO_COLOR: "1", PYTHONUNBUFFERED: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin.end(input ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) {
      throw new Error(`doorstep ${args.join(" ")} exited with ${code ?? "a signal"}:\n${stderr.slice(-4_000)}\n${stdout.slice(-2_000)}`);
    }
    return stdout;
  } finally {
    clearTimeout(timer);
  }
}

export interface TickReport {
  instant: string;
  agency: string | null;
  concerns: Record<string, number>;
  failures: Record<string, unknown>;
}

/**
 * `doorstep tick --at <instant> --agency <id>`: the scheduler's cycle for that instant, for that
 * agency alone. Walking one agency's days ahead (invoices, reminders, charges) leaves every
 * other agency — the demo agency other specs build on — where the real clock has it.
 */
export async function tick(instant: string, agencyId: string): Promise<TickReport> {
  const report = JSON.parse(await doorstep(["tick", "--at", instant, "--agency", agencyId])) as TickReport;
  if (Object.keys(report.failures).length > 0) throw new Error(`the tick at ${instant} failed: ${JSON.stringify(report.failures)}`);
  return report;
}

/** `doorstep create-agency`: its id. */
export async function createAgency(options: { name: string; locale: string; timezone: string; country: string; currency: string }): Promise<string> {
  const output = await doorstep([
    "create-agency",
    "--name",
    options.name,
    "--country",
    options.country,
    "--currency",
    options.currency,
    "--locale",
    options.locale,
    "--timezone",
    options.timezone,
  ]);
  const id = /: ([0-9a-f-]{36})\s*$/u.exec(output)?.[1];
  if (id === undefined) throw new Error(`no agency id in: ${output}`);
  return id;
}

/** `doorstep create-user`: a staff login with a role, or a tenant's portal login (`role: "tenant"`). */
export async function createUser(
  agencyId: string,
  user: { email: string; password: string; firstName: string; lastName: string; role: "owner" | "manager" | "accountant" | "viewer" | "tenant" },
): Promise<void> {
  const kind = user.role === "tenant" ? ["--tenant"] : ["--role", user.role];
  await doorstep(
    ["create-user", "--agency", agencyId, "--email", user.email, "--first-name", user.firstName, "--last-name", user.lastName, ...kind],
    `${user.password}\n`,
  );
}

export interface GatewayIntent {
  id: string;
  amount: number;
  currency: string;
  status: string;
  metadata: Record<string, string>;
}

/** The PaymentIntents the local gateway (localstripe) holds for one invoice: the charges actually made. */
export async function gatewayIntents(invoiceId: string): Promise<GatewayIntent[]> {
  const settings = serverSettings();
  const base = settings.DOORSTEP_STRIPE_API_BASE;
  const key = settings.DOORSTEP_STRIPE_SECRET_KEY;
  if (base === undefined || key === undefined) throw new Error("the server runs without a local gateway (DOORSTEP_STRIPE_API_BASE)");
  const response = await fetch(`${base}/v1/payment_intents?limit=10000`, { headers: { Authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`localstripe answered ${response.status}: ${await response.text()}`);
  const { data } = (await response.json()) as { data: GatewayIntent[] };
  return data.filter((intent) => intent.metadata.doorstep_invoice_id === invoiceId);
}
