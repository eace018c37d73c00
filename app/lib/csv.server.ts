// CSV export with a UTF-8 BOM so Excel shows Vietnamese correctly (csv-stringify does the quoting).
import { stringify } from "csv-stringify/sync";

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return "\uFEFF" + stringify([header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))], { record_delimiter: "\r\n" });
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
