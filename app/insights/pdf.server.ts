// The quarterly report as PDF (A4 portrait) through the certificates' PDF stack: pdf-lib + fontkit with Be Vietnam
// Pro embedded whole (every Vietnamese letter, a complete ToUnicode map so the text can be copied and searched).
// It draws the same tables as the page (tables.ts), formatted the same way; rates get a small bar. The document
// comes from app/lib/pdf.server.ts (pdf-lib loaded on the first PDF only, issue 17).
import type { PDFFont, PDFPage, RGB } from "pdf-lib";
import { createTranslator, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatPercent } from "~/i18n/format";
import { createPdfDocument, embedWholeFont } from "~/lib/pdf.server";
import { vnLocalToIso } from "~/lib/time";
import type { QuarterlyView } from "./quarterly.server";
import { QUARTERLY_TABLES } from "./quarterly.server";
import { buildTable, formatCell, programsTable, type Table } from "./tables";

const rgb = (red: number, green: number, blue: number) => ({ type: "RGB", red, green, blue }) as RGB;
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const ACCENT = rgb(15 / 255, 118 / 255, 110 / 255);
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.35, 0.38, 0.42);
const GRID = rgb(0.89, 0.91, 0.94);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Cuts a text to a width with an ellipsis. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let s = text;
  while (s.length > 1 && font.widthOfTextAtSize(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s}…`;
}

class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    private readonly addPage: () => PDFPage,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.addPage();
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }
  /** Room for h points, else a new page. */
  need(h: number) {
    if (this.y - h < MARGIN + 20) this.newPage();
  }
  text(s: string, opts: { size?: number; bold?: boolean; color?: RGB; x?: number; width?: number } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const width = opts.width ?? A4[0] - 2 * MARGIN;
    // Wrap on spaces.
    const words = s.split(" ");
    let line = "";
    const lines: string[] = [];
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const l of lines) {
      this.need(size + 4);
      this.y -= size + 2;
      this.page.drawText(l, { x: opts.x ?? MARGIN, y: this.y, size, font, color: opts.color ?? INK });
      this.y -= 2;
    }
  }
  gap(h: number) {
    this.y -= h;
  }
}

/** Splits a header label into at most two lines that fit a width. */
function headerLines(label: string, font: PDFFont, size: number, width: number): string[] {
  if (font.widthOfTextAtSize(label, size) <= width) return [label];
  const words = label.split(" ");
  for (let k = words.length - 1; k > 0; k--) {
    const first = words.slice(0, k).join(" ");
    if (font.widthOfTextAtSize(first, size) <= width) return [first, fit(words.slice(k).join(" "), font, size, width)];
  }
  return [fit(label, font, size, width)];
}

/**
 * A table: header in bold (up to two lines), numbers right-aligned, rates with a small bar under them; the header
 * repeats on a new page. Columns after the first are as wide as their cells and the longest word of their header;
 * the first takes the rest.
 */
function drawTable(w: Writer, table: Table, locale: Locale, t: ReturnType<typeof createTranslator>) {
  const size = table.header.length > 8 ? 7 : 8;
  const rowH = size + 5;
  const total = A4[0] - 2 * MARGIN;
  const cells = table.rows.map((r) => r.map((c) => formatCell(locale, c, t)));
  const widths = table.header.map((h, i) => {
    if (i === 0) return 0;
    const words = h.label.split(" ").map((x) => w.fonts.bold.widthOfTextAtSize(x, size));
    const content = cells.map((r) => w.fonts.regular.widthOfTextAtSize(r[i] ?? "", size));
    return Math.min(140, Math.max(24, ...words, ...content) + 8);
  });
  widths[0] = Math.max(70, total - widths.reduce((a, b) => a + b, 0));
  const scale = Math.min(1, total / widths.reduce((a, b) => a + b, 0));
  for (let i = 0; i < widths.length; i++) widths[i] *= scale;
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const labels = table.header.map((h, i) => headerLines(h.label, w.fonts.bold, size, widths[i] - 4));
  const headerH = labels.some((l) => l.length > 1) ? rowH + size + 1 : rowH;
  const header = () => {
    w.need(headerH + rowH);
    w.y -= headerH;
    table.header.forEach((h, i) => {
      labels[i].forEach((label, k) => {
        const x = h.numeric ? xs[i] + widths[i] - 2 - w.fonts.bold.widthOfTextAtSize(label, size) : xs[i] + 2;
        w.page.drawText(label, { x, y: w.y + 4 + (labels[i].length - 1 - k) * (size + 1), size, font: w.fonts.bold, color: INK });
      });
    });
    w.page.drawLine({ start: { x: MARGIN, y: w.y + 1 }, end: { x: MARGIN + total, y: w.y + 1 }, thickness: 0.75, color: ACCENT });
  };
  header();
  if (table.rows.length === 0) {
    w.y -= rowH;
    w.page.drawText(t("insights.empty"), { x: MARGIN + 2, y: w.y + 4, size, font: w.fonts.regular, color: MUTED });
  }
  table.rows.forEach((row, r) => {
    if (w.y - rowH < MARGIN + 20) {
      w.newPage();
      header();
    }
    w.y -= rowH;
    row.forEach((c, i) => {
      const s = fit(cells[r][i], w.fonts.regular, size, widths[i] - 4);
      const numeric = table.header[i]?.numeric;
      const x = numeric ? xs[i] + widths[i] - 2 - w.fonts.regular.widthOfTextAtSize(s, size) : xs[i] + 2;
      if (c.t === "rate" && c.v !== null) {
        const barW = (widths[i] - 4) * Math.max(0, Math.min(1, c.v));
        w.page.drawRectangle({ x: xs[i] + 2, y: w.y + 1, width: widths[i] - 4, height: 2, color: GRID });
        w.page.drawRectangle({ x: xs[i] + 2, y: w.y + 1, width: barW, height: 2, color: ACCENT });
      }
      w.page.drawText(s, { x, y: w.y + 4, size, font: w.fonts.regular, color: INK });
    });
    w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: MARGIN + total, y: w.y }, thickness: 0.25, color: GRID });
  });
  w.gap(12);
}

/** The quarterly report as one PDF; `generatedAt` is printed in the footer (the caller's clock). */
export async function renderQuarterlyPdf(view: QuarterlyView, input: { locale: Locale; generatedAt: string }): Promise<Uint8Array> {
  const { locale, generatedAt } = input;
  const t = createTranslator(locale);
  const { doc } = await createPdfDocument();
  const fonts: Fonts = {
    regular: await embedWholeFont(doc, "regular"),
    bold: await embedWholeFont(doc, "bold"),
  };
  const w = new Writer(() => doc.addPage(A4), fonts);
  const { insights } = view;
  const day = (d: string) => formatDate(locale, vnLocalToIso(d, "00:00"));
  const period = insights.period;

  w.text(t("quarterly.title").toUpperCase(), { size: 18, bold: true, color: ACCENT });
  w.text(t("insights.periodLabel", { from: day(period.fromDate), to: day(period.toDate) }), { size: 11, bold: true });
  w.text(t("insights.previousLabel", { from: day(period.previous.fromDate), to: day(period.previous.toDate) }), { size: 9, color: MUTED });
  w.gap(10);

  // Headline figures: boxes of four per row, then the same numbers as a table with the previous period.
  w.text(t("insights.headline"), { size: 13, bold: true });
  w.gap(4);
  const boxW = (A4[0] - 2 * MARGIN - 3 * 8) / 4;
  insights.headline.forEach((h, i) => {
    if (i % 4 === 0) {
      w.need(54);
      w.y -= 50;
    }
    const x = MARGIN + (i % 4) * (boxW + 8);
    w.page.drawRectangle({ x, y: w.y, width: boxW, height: 46, borderColor: GRID, borderWidth: 1 });
    w.page.drawText(fit(t(`insights.figure.${h.key}`), fonts.regular, 8, boxW - 10), { x: x + 5, y: w.y + 33, size: 8, font: fonts.regular, color: MUTED });
    const value = h.format === "rate" ? (h.current === null ? t("insights.notApplicable") : formatPercent(locale, h.current)) : formatNumber(locale, h.current ?? 0);
    w.page.drawText(value, { x: x + 5, y: w.y + 10, size: 16, font: fonts.bold, color: INK });
  });
  w.gap(14);
  drawTable(w, buildTable(insights, "headline", t), locale, t);

  const section = (title: string, table: Table, desc?: string) => {
    w.need(60);
    w.text(title, { size: 13, bold: true });
    if (desc) w.text(desc, { size: 8.5, color: MUTED });
    w.gap(2);
    drawTable(w, table, locale, t);
  };
  section(t("quarterly.byProgram"), programsTable(view.programs, t, { centre: true }), t("quarterly.byProgram.desc"));
  const titles: Record<(typeof QUARTERLY_TABLES)[number], string> = {
    fill: t("insights.chart.fill"),
    unmet: t("insights.chart.unmet"),
    funnel: t("insights.chart.funnel"),
    toursByDistrict: t("insights.chart.toursByDistrict"),
    toursBySchool: t("insights.chart.toursBySchool"),
    notVisited: t("insights.chart.notVisited"),
    noShow: t("insights.chart.noShow"),
    certificates: t("insights.chart.certificates"),
    weekly: t("insights.chart.weekly"),
  };
  for (const id of QUARTERLY_TABLES) section(titles[id], buildTable(insights, id, t));

  // Footer on every page: the report, when it was made, page n of m.
  const footer = `${t("quarterly.pdfTitle", { from: day(period.fromDate), to: day(period.toDate) })} · ${t("schoolReport.generated", { date: formatDate(locale, generatedAt) })}`;
  w.pages.forEach((page, i) => {
    page.drawText(fit(footer, fonts.regular, 7.5, 400), { x: MARGIN, y: 22, size: 7.5, font: fonts.regular, color: MUTED });
    const n = t("quarterly.page", { page: i + 1, pages: w.pages.length });
    page.drawText(n, { x: A4[0] - MARGIN - fonts.regular.widthOfTextAtSize(n, 7.5), y: 22, size: 7.5, font: fonts.regular, color: MUTED });
  });

  doc.setTitle(t("quarterly.pdfTitle", { from: day(period.fromDate), to: day(period.toDate) }));
  doc.setAuthor("STEM Hub");
  doc.setCreator("STEM Hub");
  doc.setProducer("STEM Hub (pdf-lib)");
  doc.setLanguage(locale === "vi" ? "vi-VN" : "en");
  doc.setCreationDate(new Date(generatedAt));
  doc.setModificationDate(new Date(generatedAt));
  return doc.save();
}
