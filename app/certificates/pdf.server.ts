// Certificates as PDF: A4 landscape, bilingual (Vietnamese first), Be Vietnam Pro embedded (covers every
// Vietnamese letter), a QR code and the verification address in text. Many certificates → one page each.
import type { PDFFont, PDFPage, PDFRef, RGB } from "pdf-lib";
import { createTranslator } from "~/i18n";
import { createPdfDocument, embedWholeFont, type PdfLib } from "~/lib/pdf.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { ISSUER } from "./issuer";
import { qrPixels } from "./qr.server";
import type { CertificateRecord } from "./queries.server";
import { verificationUrl } from "./urls.server";

/** pdf-lib's rgb(), without loading pdf-lib. */
const rgb = (red: number, green: number, blue: number) => ({ type: "RGB", red, green, blue }) as RGB;
const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const ACCENT = rgb(15 / 255, 118 / 255, 110 / 255);
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.35, 0.38, 0.42);
const RED = rgb(0.73, 0.11, 0.11);
const vi = createTranslator("vi");
const en = createTranslator("en");

interface Fonts {
  regular: PDFFont;
  semibold: PDFFont;
  bold: PDFFont;
}

/**
 * The largest size from `size` down (in half points, not under `min`) at which the text fits `maxWidth`. A width
 * is proportional to the size: the text is laid out once (fontkit's layout was a third of a PDF's time).
 */
function fittingSize(font: PDFFont, text: string, size: number, maxWidth: number, min: number): { size: number; width: number } {
  const perPoint = font.widthOfTextAtSize(text, 1);
  let s = size;
  while (s > min && perPoint * s > maxWidth) s -= 0.5;
  return { size: s, width: perPoint * s };
}

/** Centred text, shrunk to fit the width when a name or a title is long. */
function centred(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = INK, maxWidth = 700) {
  const fit = fittingSize(font, text, size, maxWidth, 8);
  page.drawText(text, { x: (page.getWidth() - fit.width) / 2, y, size: fit.size, font, color });
}

function hoursText(locale: "vi" | "en", hours: number) {
  const t = locale === "vi" ? vi : en;
  return t("certificates.pdf.hours", { hours: formatNumber(locale, hours) });
}

/** The QR picture drawn as an image XObject, scaled up with interpolation off so that its modules stay sharp. */
function drawQr(lib: PdfLib, page: PDFPage, qr: PDFRef, x: number, y: number, size: number) {
  const name = page.node.newXObject("Image", qr);
  page.pushOperators(
    lib.pushGraphicsState(),
    lib.concatTransformationMatrix(size, 0, 0, size, x, y),
    lib.drawObject(name),
    lib.popGraphicsState(),
  );
}

function drawCertificate(lib: PdfLib, page: PDFPage, c: CertificateRecord, fonts: Fonts, qr: PDFRef, url: string) {
  const { width, height } = page.getSize();
  page.drawRectangle({ x: 18, y: 18, width: width - 36, height: height - 36, borderColor: ACCENT, borderWidth: 3 });
  page.drawRectangle({ x: 26, y: 26, width: width - 52, height: height - 52, borderColor: ACCENT, borderWidth: 0.75 });

  centred(page, c.issuer_name.toUpperCase(), height - 68, fonts.semibold, 12, ACCENT);
  centred(page, ISSUER.nameEn, height - 84, fonts.regular, 10, MUTED);
  centred(page, vi("certificates.pdf.title").toUpperCase(), height - 140, fonts.bold, 40, ACCENT);
  centred(page, en("certificates.pdf.title").toUpperCase(), height - 164, fonts.semibold, 16, MUTED);
  centred(page, `${vi("certificates.pdf.awardedTo")} · ${en("certificates.pdf.awardedTo")}`, height - 204, fonts.regular, 12, MUTED);
  centred(page, c.recipient_name, height - 250, fonts.bold, 34, INK);
  centred(
    page,
    `${vi(`certificates.pdf.reason.${c.kind}`)} · ${en(`certificates.pdf.reason.${c.kind}`)}`,
    height - 290,
    fonts.regular,
    12,
    MUTED
  );
  centred(page, c.program_title_vi, height - 322, fonts.semibold, 22, INK);
  if (c.program_title_en && c.program_title_en !== c.program_title_vi) {
    centred(page, c.program_title_en, height - 346, fonts.regular, 14, MUTED);
  }
  const details = [
    `${vi("certificates.pdf.issuedOn")}: ${formatDate("vi", c.issued_at)} · ${en("certificates.pdf.issuedOn")}: ${formatDate(
      "en",
      c.issued_at
    )}`,
  ];
  if (c.hours !== null) details.unshift(`${hoursText("vi", c.hours)} · ${hoursText("en", c.hours)}`);
  details.forEach((line, i) => centred(page, line, height - 384 - i * 18, fonts.regular, 11, INK));

  // Footer: serial and place on the left, QR and address on the right.
  page.drawText(`${vi("certificates.pdf.serial")} / ${en("certificates.pdf.serial")}: ${c.serial}`, {
    x: 60,
    y: 92,
    size: 11,
    font: fonts.semibold,
    color: INK,
  });
  page.drawText(c.issuer_city, { x: 60, y: 74, size: 10, font: fonts.regular, color: MUTED });
  const qrSize = 92;
  drawQr(lib, page, qr, width - 60 - qrSize, 52, qrSize);
  const label = `${vi("certificates.pdf.verifyAt")} / ${en("certificates.pdf.verifyAt")}:`;
  const right = width - 60 - qrSize - 12;
  page.drawText(label, { x: right - fonts.regular.widthOfTextAtSize(label, 9), y: 92, size: 9, font: fonts.regular, color: MUTED });
  const urlFit = fittingSize(fonts.regular, url, 9, 380, 6);
  page.drawText(url, {
    x: right - urlFit.width,
    y: 76,
    size: urlFit.size,
    font: fonts.regular,
    color: ACCENT,
  });

  if (c.status !== "valid") {
    const word = `${vi(`certificates.status.${c.status}`)} · ${en(`certificates.status.${c.status}`)}`.toUpperCase();
    page.drawRectangle({
      x: 60,
      y: height / 2 - 30,
      width: width - 120,
      height: 44,
      color: rgb(1, 1, 1),
      borderColor: RED,
      borderWidth: 2,
      opacity: 0.92,
    });
    centred(page, word, height / 2 - 16, fonts.bold, 22, RED);
  }
}

/** One PDF holding each certificate on its own page. origin: where /verify lives (PUBLIC_ORIGIN or the request's). */
export async function renderCertificatesPdf(certs: CertificateRecord[], origin: string): Promise<Uint8Array> {
  const { lib, doc } = await createPdfDocument();
  const fonts: Fonts = {
    regular: await embedWholeFont(doc, "regular"),
    semibold: await embedWholeFont(doc, "semibold"),
    bold: await embedWholeFont(doc, "bold"),
  };
  for (const c of certs) {
    const url = verificationUrl(origin, c.code);
    const { side, pixels } = await qrPixels(url);
    const qr = doc.context.register(
      doc.context.flateStream(pixels, {
        Type: "XObject",
        Subtype: "Image",
        Width: side,
        Height: side,
        ColorSpace: "DeviceGray",
        BitsPerComponent: 8,
        Interpolate: false,
      }),
    );
    drawCertificate(lib, doc.addPage(A4_LANDSCAPE), c, fonts, qr, url);
  }
  const first = certs[0];
  doc.setTitle(
    first && certs.length === 1 ? `${vi("certificates.pdf.title")} ${first.serial} — ${first.recipient_name}` : vi("certificates.pdf.title")
  );
  // The exact printed name(s), so tools (and tests) can read them without rendering.
  doc.setSubject(certs.map((c) => c.recipient_name).join("; "));
  doc.setKeywords(certs.map((c) => c.serial));
  doc.setAuthor(ISSUER.nameVi);
  doc.setCreator("STEM Hub");
  doc.setProducer("STEM Hub (pdf-lib)");
  doc.setLanguage("vi-VN");
  // Dated by the (first) certificate, not by the clock: the same certificate always makes the same document.
  if (first) {
    doc.setCreationDate(new Date(first.issued_at));
    doc.setModificationDate(new Date(first.issued_at));
  }
  return doc.save();
}
