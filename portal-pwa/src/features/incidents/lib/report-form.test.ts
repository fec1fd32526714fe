import { describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES, photoError, readReport, type ReportValues } from "./report-form";

function photo(name: string, type: string, size = 1000): File {
  return new File([new Uint8Array(size)], name, { type });
}

const VALUES: ReportValues = {
  leaseId: "",
  category: "plumbing",
  title: " Kitchen tap leaking ",
  description: "Drips all night.",
  availability: " Weekdays after 17:00 ",
  photos: [photo("tap.jpg", "image/jpeg")],
};

describe("readReport", () => {
  it("trims the texts and leaves the lease to the API when the tenant has one", () => {
    expect(readReport(VALUES, false)).toEqual({
      report: {
        leaseId: null,
        category: "plumbing",
        title: "Kitchen tap leaking",
        description: "Drips all night.",
        availability: "Weekdays after 17:00",
        photos: VALUES.photos,
      },
    });
  });

  it("asks a tenant with several leases which home it is about", () => {
    expect(readReport(VALUES, true)).toEqual({ errors: { lease_id: "required" } });
    expect(readReport({ ...VALUES, leaseId: "lease-2" }, true)).toMatchObject({ report: { leaseId: "lease-2" } });
  });

  it("names every missing field at once", () => {
    expect(readReport({ ...VALUES, category: "", title: " ", description: "" }, false)).toEqual({
      errors: { category: "required", title: "required", description: "required" },
    });
  });
});

describe("photoError", () => {
  it("takes up to four JPEG, PNG or WebP photos of at most 5 MB", () => {
    expect(photoError([photo("a.png", "image/png"), photo("b.webp", "image/webp")])).toBeUndefined();
    expect(photoError(Array.from({ length: 5 }, (_, n) => photo(`${n}.png`, "image/png")))).toBe("tooMany");
    expect(photoError([photo("scan.pdf", "application/pdf")])).toBe("notAnImage");
    expect(photoError([photo("big.jpg", "image/jpeg", MAX_PHOTO_BYTES + 1)])).toBe("tooLarge");
  });
});
