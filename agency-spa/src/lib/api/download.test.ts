import { afterEach, describe, expect, it, vi } from "vitest";
import { fileNameFromDisposition, saveBlob } from "./download";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("fileNameFromDisposition", () => {
  it("takes the quoted or the UTF-8 encoded name, else the fallback", () => {
    expect(fileNameFromDisposition('attachment; filename="bank proof.pdf"', "proof")).toBe("bank proof.pdf");
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''re%C3%A7u.pdf", "proof")).toBe("reçu.pdf");
    expect(fileNameFromDisposition("attachment", "proof.pdf")).toBe("proof.pdf");
    expect(fileNameFromDisposition(null, "proof.pdf")).toBe("proof.pdf");
    expect(fileNameFromDisposition('attachment; filename="100%.pdf"', "proof.pdf")).toBe("100%.pdf");
  });

  it("prefers the UTF-8 filename* to the ASCII stand-in the server sends beside it", () => {
    const header = "attachment; filename=\"transfer-proof.pdf\"; filename*=UTF-8''%E8%AF%81%E6%98%8E.pdf";
    expect(fileNameFromDisposition(header, "proof")).toBe("证明.pdf");
    expect(fileNameFromDisposition("attachment; filename*=utf-8'en'bank%20proof.pdf; filename=\"bank proof.pdf\"", "proof")).toBe(
      "bank proof.pdf",
    );
    const injected = "attachment; filename=\"bank-proof.bat x.pdf\"; filename*=UTF-8''bank-proof.bat%20x%3D.pdf";
    expect(fileNameFromDisposition(injected, "proof")).toBe("bank-proof.bat x=.pdf");
  });

  it("falls back to the plain name when filename* is not UTF-8 or not decodable", () => {
    expect(fileNameFromDisposition("attachment; filename=\"a.pdf\"; filename*=UTF-8''%E8%AF.pdf", "proof")).toBe("a.pdf");
    expect(fileNameFromDisposition("attachment; filename=\"a.pdf\"; filename*=ISO-8859-1''%E9.pdf", "proof")).toBe("a.pdf");
    expect(fileNameFromDisposition('attachment; filename="say \\"hi\\".pdf"', "proof")).toBe('say "hi".pdf');
    expect(fileNameFromDisposition("attachment; filename=plain.pdf", "proof")).toBe("plain.pdf");
    expect(fileNameFromDisposition('attachment; filename=""', "proof.pdf")).toBe("proof.pdf");
  });
});

describe("saveBlob", () => {
  it("downloads the blob from an object URL under its name, then revokes the URL", () => {
    vi.useFakeTimers();
    const createObjectURL = vi.fn(() => "blob:proof");
    const revokeObjectURL = vi.fn();
    vi.stubGlobal(
      "URL",
      class extends URL {
        static override createObjectURL = createObjectURL;
        static override revokeObjectURL = revokeObjectURL;
      },
    );
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    saveBlob(new Blob(["%PDF-1.4"], { type: "application/pdf" }), "proof.pdf");
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe("proof.pdf");
    expect(clicked[0]?.getAttribute("href")).toBe("blob:proof");
    expect(document.querySelector("a[download]")).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith("blob:proof");
    click.mockRestore();
  });
});
