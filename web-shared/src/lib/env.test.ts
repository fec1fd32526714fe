import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it.each(["/agency/", "/portal/"])("defaults to a same-origin API (%s)", (base) => {
    expect(parseEnv({ BASE_URL: base, DEV: false })).toEqual({
      basePath: base,
      routerBasename: base,
      apiBaseUrl: "",
      dev: false,
    });
  });

  it("accepts an absolute API origin and drops a trailing slash", () => {
    const env = parseEnv({ BASE_URL: "/", DEV: true, VITE_API_BASE_URL: "https://api.example.test/" });
    expect(env.apiBaseUrl).toBe("https://api.example.test");
    expect(env.routerBasename).toBe("/");
  });

  it("refuses a malformed API origin", () => {
    expect(() => parseEnv({ BASE_URL: "/agency/", DEV: false, VITE_API_BASE_URL: "not a url" })).toThrow(
      /VITE_API_BASE_URL/,
    );
  });
});
