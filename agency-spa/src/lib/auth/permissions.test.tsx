import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { staffMe } from "@/testing/fixtures";
import { can, useRole, type Action, type Role } from "./permissions";

const resources = ["properties", "units", "tenants", "leases"] as const;

describe("can", () => {
  it.each<[Role, boolean]>([
    ["owner", true],
    ["manager", true],
    ["accountant", false],
    ["viewer", false],
  ])("%s may write: %s", (role, writes) => {
    for (const resource of resources) {
      expect(can(role, `${resource}:read`)).toBe(true);
      expect(can(role, `${resource}:write`)).toBe(writes);
    }
  });

  it.each<[Role, boolean, boolean]>([
    ["owner", true, true],
    ["manager", true, false],
    ["accountant", true, true],
    ["viewer", false, false],
  ])("%s handles money: %s, decides approvals: %s (FinanceWriterDep / FinanceAdminDep)", (role, finance, approvals) => {
    for (const resource of ["invoices", "payments", "approvals"] as const) {
      expect(can(role, `${resource}:read`)).toBe(true);
    }
    expect(can(role, "invoices:write")).toBe(finance);
    expect(can(role, "payments:write")).toBe(finance);
    expect(can(role, "approvals:write")).toBe(approvals);
  });

  it.each<[Role, boolean, boolean]>([
    ["owner", true, true],
    ["manager", true, false],
    ["accountant", true, true],
    ["viewer", false, false],
  ])("%s works collections, reconciliation and transfer proofs: %s, reviews escalations: %s", (role, finance, review) => {
    for (const resource of ["collections", "reconciliation", "transfer-proofs"] as const) {
      expect(can(role, `${resource}:read`)).toBe(true);
      expect(can(role, `${resource}:write`)).toBe(finance);
    }
    expect(can(role, "collections:review")).toBe(review);
  });

  it("denies everything without a role or with an unknown one", () => {
    expect(can(undefined, "properties:read")).toBe(false);
    expect(can("intern" as Role, "properties:read")).toBe(false);
  });
});

describe("useRole", () => {
  function wrapperWith(role: Role | null) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
    if (role !== null) client.setQueryData(["me"], staffMe(role));
    return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  }

  it("binds can() to the signed-in user's role", () => {
    const { result } = renderHook(() => useRole(), { wrapper: wrapperWith("viewer") });
    expect(result.current.role).toBe("viewer");
    expect(result.current.ready).toBe(true);
    expect(result.current.can("leases:read")).toBe(true);
    expect(result.current.can("leases:write" satisfies Action)).toBe(false);
  });

  it("allows nothing while /me is loading", () => {
    const { result } = renderHook(() => useRole(), { wrapper: wrapperWith(null) });
    expect(result.current.role).toBeUndefined();
    expect(result.current.ready).toBe(false);
    expect(result.current.can("properties:read")).toBe(false);
  });
});
