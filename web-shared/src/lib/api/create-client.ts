import createClient, { type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema";

/** A typed fetch client for the Doorstep API, generated from the OpenAPI document. */
export function createApiClient(options: ClientOptions = {}) {
  // Look fetch up at call time (not at creation) so tests and service workers can replace it.
  return createClient<paths>({ baseUrl: "", fetch: (request) => globalThis.fetch(request), ...options });
}

export type ApiClient = ReturnType<typeof createApiClient>;
