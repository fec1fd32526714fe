import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { BASE_URL_VARIABLE, SETTINGS_FILE_VARIABLE, startServer } from "./support/server";

/**
 * Starts one Doorstep for the whole run (see support/server.ts) and hands its URL and settings
 * file to the tests through the environment (workers inherit it). Returns the teardown: stop the server's process
 * group and drop the run's database.
 */
export default async function globalSetup(config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  const given = process.env[BASE_URL_VARIABLE];
  if (given !== undefined && given !== "") {
    console.log(`[e2e] testing the Doorstep already running at ${given} (${BASE_URL_VARIABLE})`);
    return undefined;
  }
  const outputDir = config.projects[0]?.outputDir ?? path.join(config.rootDir, "test-results");
  const server = await startServer({ logFile: path.join(outputDir, "doorstep-run.log") });
  process.env[BASE_URL_VARIABLE] = server.baseUrl;
  process.env[SETTINGS_FILE_VARIABLE] = server.settingsFile;
  return async () => {
    console.log(`[e2e] stopping doorstep run and dropping ${server.database}`);
    await server.stop();
  };
}
