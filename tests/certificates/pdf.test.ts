import fs from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { fontBytes } from "~/lib/fonts.server";
import { issueCertificate } from "~/certificates/issue.server";
import { renderCertificatesPdf } from "~/certificates/pdf.server";
import { getCertificateByCode } from "~/certificates/queries.server";
import { db } from "~/lib/db.server";
import { createTestUser } from "../helpers/factories";
import { createTestProgram } from "../helpers/certificates";
import { decodePdfQrCodes, extractPdfText, qrImageSettings } from "../helpers/documents";
import { NOW } from "../helpers/instants";

const NAMES = ["Nguyễn Thị Phương Thảo", "Trần Đức Việt", "Lê Ngọc Ánh"];

async function certificateFor(fullName: string, title = "Lập trình Python cho học sinh") {
  const user = await createTestUser({ fullName });
  const programId = await createTestProgram("course", title, "Python programming for students");
  const r = await issueCertificate(db, { userId: user.id, programId, kind: "course", hours: 12, now: NOW });
  if (!r.ok) throw new Error(r.reason);
  return (await getCertificateByCode(db, r.value.certificate.code))!;
}

describe("certificate PDF", () => {
  it("the embedded font covers every letter of Vietnamese names and the catalogue's words", () => {
    for (const weight of ["regular", "semibold", "bold"] as const) {
      const font = fontkit.create(Buffer.from(fontBytes(weight)));
      const text =
        NAMES.join("") +
        "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ".toUpperCase() +
        "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ";
      const missing = [...text.normalize("NFC")].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
      expect(missing, weight).toEqual([]);
    }
  });

  it("is a valid A4 landscape PDF whose drawn text decodes back to the exact Vietnamese name, with a QR code of the verification URL", async () => {
    for (const name of NAMES) {
      const c = await certificateFor(name);
      const bytes = await renderCertificatesPdf([c], "https://stem.example.vn");
      const doc = await PDFDocument.load(bytes);
      expect(doc.getPageCount()).toBe(1);
      const { width, height } = doc.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
      expect(doc.getSubject()).toBe(name);
      expect(doc.getTitle()).toContain(name);

      const [lines] = await extractPdfText(bytes);
      expect(lines).toContain(name);
      expect(lines).toContain("Lập trình Python cho học sinh");
      expect(lines.join("\n")).not.toContain("\uFFFD");
      const url = `https://stem.example.vn/verify/${c.code}`;
      expect(lines).toContain(url);
      expect(lines.some((l) => l.includes(c.serial))).toBe(true);

      const [qrs] = await decodePdfQrCodes(bytes);
      expect(qrs).toEqual([url]);
      // Printed sharp: one pixel per module, enlarged without smoothing.
      expect(qrImageSettings(doc)).toEqual([{ interpolate: false, grey: true }]);
      if (process.env.CERT_PDF_OUT) fs.writeFileSync(`${process.env.CERT_PDF_OUT}/${c.serial}.pdf`, bytes);
    }
  });

  it("puts many certificates in one PDF, one page each, each with its own QR code", async () => {
    const certs = await Promise.all(NAMES.map((n) => certificateFor(n, "Nhập môn IoT với Arduino")));
    const bytes = await renderCertificatesPdf(certs, "http://localhost:3000");
    const pages = await extractPdfText(bytes);
    expect(pages).toHaveLength(3);
    pages.forEach((lines, i) => expect(lines).toContain(NAMES[i]));
    const qrs = await decodePdfQrCodes(bytes);
    expect(qrs).toEqual(certs.map((c) => [`http://localhost:3000/verify/${c.code}`]));
  });
});
