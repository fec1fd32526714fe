/**
 * Starts Doorstep for the end-to-end run the same way `make run` does — `doorstep run`, which
 * migrates, seeds the demo agency into an empty database, starts the API and the arq worker and
 * waits for /readyz — but against a database of its own, created here and dropped afterwards.
 *
 * Settings (all optional):
 * - DOORSTEP_E2E_BASE_URL      test a Doorstep that is already running; nothing is started
 * - DOORSTEP_E2E_POSTGRES_URL  server to create the run's database on (default
 *                              postgresql://postgres@127.0.0.1:5432; on a Unix socket:
 *                              postgresql:///postgres?host=<socket dir>&user=postgres)
 * - DOORSTEP_E2E_REDIS_URL     Redis database for the run, emptied first (default
 *                              redis://127.0.0.1:6379/14; on a Unix socket: unix:///path/redis.sock?db=14)
 * `make test` sets both (`doorstep with-services`) to the servers it found or started.
 * - DOORSTEP_E2E_DOORSTEP      the doorstep command (default <repo>/.venv/bin/doorstep)
 * - DOORSTEP_E2E_SETTINGS_FILE with DOORSTEP_E2E_BASE_URL: the `--settings-file` that server's
 *                              `doorstep run` wrote, for the specs that run `doorstep tick`
 *                              against it (support/doorstep-cli.ts); set here otherwise
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const BASE_URL_VARIABLE = "DOORSTEP_E2E_BASE_URL";
/** Where the server's settings are (`doorstep run --settings-file`): see support/doorstep-cli.ts. */
export const SETTINGS_FILE_VARIABLE = "DOORSTEP_E2E_SETTINGS_FILE";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const E2E_DIR = path.resolve(HERE, "..");
export const REPO_ROOT = path.resolve(E2E_DIR, "../..");

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 15_000;
const OUTPUT_TAIL_CHARS = 20_000;

export interface ServerOptions {
  /** Where the server's whole output is written (kept after the run). */
  logFile: string;
}

export interface RunningServer {
  baseUrl: string;
  database: string;
  /** The DOORSTEP_* settings its API and worker run with (JSON; it holds the secret key). */
  settingsFile: string;
  stop: () => Promise<void>;
}

// ------------------------------------------------------------------------------- PostgreSQL

function postgresAdminUrl(): URL {
  const url = new URL(process.env.DOORSTEP_E2E_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432");
  url.pathname = "/postgres";
  return url;
}

/** The URL `doorstep run` gets: the same server, the run's database, the asyncpg driver. */
function applicationDatabaseUrl(database: string): string {
  const url = postgresAdminUrl();
  url.pathname = `/${database}`;
  return url.toString().replace(/^postgres(?:ql)?:/u, "postgresql+asyncpg:");
}

function psql(sql: string): string {
  const result = spawnSync(
    "psql",
    [postgresAdminUrl().toString(), "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
    { encoding: "utf8", timeout: 30_000 },
  );
  if (result.error !== undefined) {
    throw new Error(`could not run psql (is the PostgreSQL client installed?): ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`psql failed (${sql}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Drops databases left by runs that were killed before their teardown (their runner is gone). */
function dropAbandonedDatabases(): void {
  const names = psql("SELECT datname FROM pg_database WHERE datname ~ '^doorstep_e2e_[0-9]+$'")
    .split("\n")
    .filter((name) => name !== "");
  for (const name of names) {
    const pid = Number(name.slice("doorstep_e2e_".length));
    if (pid !== process.pid && !processAlive(pid)) {
      console.log(`[e2e] dropping ${name}, left by an earlier run`);
      psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }
}

function createDatabase(name: string): void {
  psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  psql(`CREATE DATABASE "${name}"`);
}

function dropDatabase(name: string): void {
  psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

// ------------------------------------------------------------------------------------ Redis

/**
 * Empties the run's Redis database (a few RESP commands, no client library), so that nothing
 * from an earlier run — queued jobs, job results, login throttling — leaks into this one.
 */
async function flushRedisDatabase(redisUrl: string): Promise<void> {
  const url = new URL(redisUrl);
  const onSocket = url.protocol === "unix:";
  const database = (onSocket ? url.searchParams.get("db") : url.pathname.replace(/^\//u, "")) || "0";
  const commands: string[][] = [];
  if (url.password !== "") {
    commands.push(url.username === "" ? ["AUTH", decodeURIComponent(url.password)] : ["AUTH", decodeURIComponent(url.username), decodeURIComponent(url.password)]);
  }
  commands.push(["SELECT", database], ["FLUSHDB"]);
  const payload = commands
    .map((args) => `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join("")}`)
    .join("");

  await new Promise<void>((resolve, reject) => {
    const socket = onSocket
      ? net.connect({ path: decodeURIComponent(url.pathname) })
      : net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    let received = "";
    const fail = (error: Error) => {
      socket.destroy();
      reject(new Error(`Redis at ${onSocket ? url.pathname : url.host}: ${error.message}`));
    };
    socket.setTimeout(10_000, () => {
      fail(new Error("no answer within 10 s"));
    });
    socket.on("error", fail);
    socket.on("connect", () => socket.write(payload));
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
      const replies = received.split("\r\n").filter((line) => line !== "");
      const error = replies.find((line) => line.startsWith("-"));
      if (error !== undefined) {
        fail(new Error(error.slice(1)));
      } else if (replies.length >= commands.length) {
        socket.end();
        resolve();
      }
    });
  });
}

// ------------------------------------------------------------------------------- the server

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

async function status(url: string, timeoutMs = 2_000): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

/** The last part of what the server printed, for error messages. */
class OutputTail {
  private text = "";
  add(chunk: string): void {
    this.text = (this.text + chunk).slice(-OUTPUT_TAIL_CHARS);
  }
  toString(): string {
    return this.text.trimEnd();
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group: doorstep run, the API, the worker
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  killGroup(child, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(child) && Date.now() < deadline) await sleep(100);
  if (groupAlive(child)) {
    console.warn(`[e2e] doorstep run did not stop within ${STOP_GRACE_MS / 1000}s of SIGTERM: sending SIGKILL`);
    killGroup(child, "SIGKILL");
    while (groupAlive(child)) await sleep(50);
  }
}

export function doorstepCommand(): string {
  const command = process.env.DOORSTEP_E2E_DOORSTEP ?? path.join(REPO_ROOT, ".venv", "bin", "doorstep");
  if (!existsSync(command)) {
    throw new Error(`${command} is missing: run \`make install\` (or \`make build\`) in ${REPO_ROOT} first`);
  }
  return command;
}

/**
 * Creates the run's database, starts `doorstep run --port <free port>` in a process group of its
 * own and waits (90 s at most) until /readyz answers 200 and both front ends are served.
 */
export async function startServer({ logFile }: ServerOptions): Promise<RunningServer> {
  const command = doorstepCommand();
  const database = `doorstep_e2e_${process.pid}`;
  const redisUrl = process.env.DOORSTEP_E2E_REDIS_URL ?? "redis://127.0.0.1:6379/14";
  const host = "127.0.0.1";

  dropAbandonedDatabases();
  createDatabase(database);
  let log: WriteStream | undefined;
  let child: ChildProcess | undefined;
  // Outside test-results (kept after the run): the file holds the run's secret key.
  const settingsDir = mkdtempSync(path.join(os.tmpdir(), "doorstep-e2e-"));
  const settingsFile = path.join(settingsDir, "settings.json");
  const removeSettings = () => {
    rmSync(settingsDir, { recursive: true, force: true });
  };

  // If the runner itself dies without its teardown, don't leave the server or the database.
  const onExit = () => {
    if (child !== undefined) killGroup(child, "SIGKILL");
    removeSettings();
    try {
      dropDatabase(database);
    } catch {
      // best effort: the next run drops abandoned databases
    }
  };
  process.once("exit", onExit);

  const tail = new OutputTail();
  try {
    await flushRedisDatabase(redisUrl);
    const port = await freePort(host);
    const baseUrl = `http://${host}:${port}`;

    mkdirSync(path.dirname(logFile), { recursive: true });
    log = createWriteStream(logFile);
    console.log(`[e2e] starting doorstep run on ${baseUrl} (database ${database}; output in ${path.relative(process.cwd(), logFile)})`);
    const started = Date.now();
    const runArgs = ["run", "--host", host, "--port", String(port), "--ready-timeout", String(READY_TIMEOUT_MS / 1000), "--settings-file", settingsFile];
    child = spawn(command, runArgs, {
      cwd: REPO_ROOT,
      detached: true, // a process group of its own, killed as a whole at the end
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DOORSTEP_DATABASE_URL: applicationDatabaseUrl(database),
        DOORSTEP_REDIS_URL: redisUrl,
        DOORSTEP_SECRET_KEY: randomBytes(32).toString("hex"),
        PYTHONUNBUFFERED: "1",
        NO_COLOR: "1",
      },
    });
    const record = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail.add(text);
      log?.write(text);
    };
    child.stdout?.on("data", record);
    child.stderr?.on("data", record);
    const spawnError = new Promise<Error>((resolve) => child?.once("error", resolve));

    const readyz = `${baseUrl}/readyz`;
    for (;;) {
      if (exited(child)) {
        throw new Error(`doorstep run exited (code ${child.exitCode ?? child.signalCode}) before ${readyz} answered 200`);
      }
      const failure = await Promise.race([spawnError, sleep(250).then(() => undefined)]);
      if (failure !== undefined) throw new Error(`could not start ${command}: ${failure.message}`);
      if ((await status(readyz)) === 200) break;
      if (Date.now() - started > READY_TIMEOUT_MS) {
        throw new Error(`${readyz} did not answer 200 within ${READY_TIMEOUT_MS / 1000}s`);
      }
    }
    for (const app of ["/agency/", "/portal/"]) {
      // Asked once, so given time: the first request for an app reads its files from disk, and
      // a loaded machine can take longer than the readiness probe's short wait.
      const code = await status(`${baseUrl}${app}`, 20_000);
      if (code !== 200) {
        throw new Error(`${baseUrl}${app} answered ${code ?? "nothing"}: build the front ends first (\`make build\`)`);
      }
    }
    console.log(`[e2e] Doorstep is ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);

    const running = child;
    const openLog = log;
    return {
      baseUrl,
      database,
      settingsFile,
      stop: async () => {
        try {
          await stopGroup(running);
        } finally {
          process.removeListener("exit", onExit);
          removeSettings();
          dropDatabase(database);
          await new Promise<void>((resolve) => openLog.end(resolve));
        }
      },
    };
  } catch (error) {
    if (child !== undefined) await stopGroup(child);
    process.removeListener("exit", onExit);
    removeSettings();
    dropDatabase(database);
    log?.end();
    const output = tail.toString();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n\n--- output of doorstep run ---\n${output === "" ? "(nothing)" : output}\n--- end of output ---`);
  }
}
