import { describe, expect, it } from "vitest";
import { readEnv } from "./env";
import { parseEnv } from "./env-schema";

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

describe("readEnv", () => {
  it("reads what parseEnv validated the same way", () => {
    const source = { BASE_URL: "/portal/", DEV: false, VITE_API_BASE_URL: "https://api.example.test/" };
    expect(readEnv(source)).toEqual(parseEnv(source));
    expect(readEnv({ BASE_URL: "/agency", DEV: true })).toEqual({
      basePath: "/agency",
      routerBasename: "/agency/",
      apiBaseUrl: "",
      dev: true,
    });
  });
});
