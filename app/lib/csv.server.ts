// CSV export with a UTF-8 BOM so Excel shows Vietnamese correctly (csv-stringify does the quoting).
import { stringify } from "csv-stringify/sync";

/**
 * Text that a spreadsheet would run as a formula (a student named "=HYPERLINK(…)") is prefixed with a quote;
 * numbers stay numbers.
 */
function cell(c: string | number | null | undefined): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "number") return String(c);
  return /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return "\uFEFF" + stringify([header, ...rows.map((r) => r.map(cell))], { record_delimiter: "\r\n" });
}

export function csvResponse(filename: string, csv: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
