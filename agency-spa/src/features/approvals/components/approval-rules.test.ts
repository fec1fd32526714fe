import { describe, expect, it } from "vitest";
import { decisionRight } from "./approval-rules";

const pending = { status: "pending", requested_by_id: "someone-else" } as const;

function me(role: "owner" | "accountant" | "manager" | "viewer") {
  return { user: { id: "me", role } } as Parameters<typeof decisionRight>[1];
}

describe("decisionRight", () => {
  it("offers a credit note or refund to accountants and owners", () => {
    expect(decisionRight({ ...pending, kind: "refund" }, me("accountant"))).toBe("decide");
    expect(decisionRight({ ...pending, kind: "credit_note" }, me("owner"))).toBe("decide");
    expect(decisionRight({ ...pending, kind: "refund" }, me("manager"))).toBe("not-approver");
  });

  it("offers a change of the approval threshold to another owner only", () => {
    expect(decisionRight({ ...pending, kind: "threshold_change" }, me("owner"))).toBe("decide");
    expect(decisionRight({ ...pending, kind: "threshold_change" }, me("accountant"))).toBe("not-approver");
    expect(decisionRight({ ...pending, kind: "threshold_change", requested_by_id: "me" }, me("owner"))).toBe("own-request");
  });
});
