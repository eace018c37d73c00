// Reading a list of student names (pasted, or a CSV file) into rows to create accounts for, with a report of
// every line that was refused and why. Nothing is created here: see accounts.server.ts.
import { parse } from "csv-parse/sync";
import { ok, refuse, type Result } from "~/lib/result";
import { foldText } from "~/lib/text";
import type { BulkReport, ImportFailure, ImportRow, RefusedRow } from "./roster-types";

export const MAX_ROWS = 1000;
export const MAX_FILE_BYTES = 512 * 1024;

export type { ImportFailure, ImportRow, RefusedRow, RosterLineReason } from "./roster-types";

/** The rows to create, the refused lines and what was skipped: the report of the list. */
export type ParsedRoster = BulkReport;

const NAME_HEADERS = new Set(["ho va ten", "ho ten", "hoten", "ten", "ten hoc sinh", "ho va ten hoc sinh", "full name", "fullname", "name", "student", "student name"]);
const YEAR_HEADERS = new Set(["nam sinh", "namsinh", "nam", "birth year", "year of birth", "year", "birthyear"]);
/** Columns of other exports teachers may upload by mistake (a class list with numbers, emails, phones). */
const WRONG_HEADERS = new Set(["stt", "so thu tu", "no", "no.", "#", "id", "ma hoc sinh", "ma hs", "email", "e-mail", "lop", "class", "sdt", "so dien thoai", "phone", "gioi tinh", "gender", "ngay sinh"]);

// Letters (any script, with combining marks), spaces, apostrophes, dots and hyphens: a person's name.
const NAME_PATTERN = /^\p{L}[\p{L}\p{M}' .-]*$/u;

/** Bytes of an uploaded file → text, refusing anything that is not valid UTF-8 (e.g. a Windows-1258 export). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `currentYear`: the year in Vietnam (`vnYear(now)`), for the plausible birth years (3 to 100 years ago). */
export function parseRosterText(text: string, opts: { currentYear: number }): Result<ParsedRoster, ImportFailure> {
  const { currentYear } = opts;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      delimiter: [",", ";", "\t"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch {
    return refuse("unreadable");
  }
  const accepted: ImportRow[] = [];
  const refused: RefusedRow[] = [];
  const emptyLines: number[] = [];
  const sameName: { line: number; otherLine: number; text: string }[] = [];
  const seen = new Map<string, number>();
  let headerLine: number | null = null;
  let dataRows = 0;
  for (const { record, info } of records) {
    const cells = record.map((c) => c.normalize("NFC").replace(/\s+/g, " ").trim());
    const filled = cells.filter((c) => c !== "");
    const line = info.lines;
    if (filled.length === 0) {
      emptyLines.push(line);
      continue;
    }
    if (headerLine === null && dataRows === 0 && accepted.length === 0 && refused.length === 0) {
      const first = foldText(cells[0] ?? "");
      const second = foldText(cells[1] ?? "");
      if (WRONG_HEADERS.has(first) || (NAME_HEADERS.has(first) && second !== "" && !YEAR_HEADERS.has(second))) {
        return refuse("wrongColumns");
      }
      if (NAME_HEADERS.has(first)) {
        headerLine = line;
        continue;
      }
    }
    dataRows++;
    if (dataRows > MAX_ROWS) return refuse("tooManyRows");
    const shown = filled.join(", ").slice(0, 200);
    if (filled.length > 2 || cells.slice(2).some((c) => c !== "")) {
      refused.push({ line, text: shown, reason: "tooManyColumns" });
      continue;
    }
    const fullName = cells[0];
    if (!fullName || fullName.length < 2 || fullName.length > 120 || !NAME_PATTERN.test(fullName)) {
      refused.push({ line, text: shown, reason: "invalidName" });
      continue;
    }
    let birthYear: number | null = null;
    const yearCell = cells[1] ?? "";
    if (yearCell !== "") {
      const y = /^\d{4}$/.test(yearCell) ? Number(yearCell) : NaN;
      if (!(y >= currentYear - 100 && y <= currentYear - 3)) {
        refused.push({ line, text: shown, reason: "invalidBirthYear" });
        continue;
      }
      birthYear = y;
    }
    // Two students with the same name are common: both are kept (distinct usernames), with a warning to check.
    const key = rosterKey(fullName, birthYear);
    const earlier = seen.get(key);
    if (earlier !== undefined) sameName.push({ line, otherLine: earlier, text: shown });
    else seen.set(key, line);
    accepted.push({ line, fullName, birthYear });
  }
  if (accepted.length === 0 && refused.length === 0) return refuse("noRows");
  return ok({ accepted, refused, emptyLines, headerLine, sameName });
}

/** Same name and birth year as a student this class already has: most likely a second submit of the same list. */
export function rosterKey(fullName: string, birthYear: number | null): string {
  return `${fullName.normalize("NFC").toLocaleLowerCase("vi")}|${birthYear ?? ""}`;
}
