import { describe, expect, it } from "vitest";
import { compactCode, groupsOfFour } from "./bank-details";

describe("bank details", () => {
  it("shows an IBAN and a reference in groups of four", () => {
    expect(groupsOfFour("BE71096123456769")).toBe("BE71 0961 2345 6769");
    expect(groupsOfFour("RF471234567890")).toBe("RF47 1234 5678 90");
    expect(groupsOfFour("be71 0961-2345 6769")).toBe("BE71 0961 2345 6769");
  });

  it("copies letters and digits only", () => {
    expect(compactCode("RF47 1234 5678 9012")).toBe("RF47123456789012");
    expect(compactCode("gebabebb")).toBe("GEBABEBB");
  });
});
