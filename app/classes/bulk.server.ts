// The bulk "create student accounts" request: read the pasted list or uploaded file, check it, and create the
// accounts in one transaction — or nothing, with a report of every refused line.
import type { DB } from "~/lib/db.server";
import { createClassAccounts, refuseExistingMembers, type LoginCard } from "./accounts.server";
import { decodeUtf8, MAX_FILE_BYTES, parseRosterText, type ImportFailure, type RefusedRow } from "./roster-import.server";

export interface BulkReport {
  accepted: { line: number; fullName: string; birthYear: number | null }[];
  refused: RefusedRow[];
  emptyLines: number[];
  headerLine: number | null;
}

export type BulkOutcome =
  | { ok: true; cards: LoginCard[]; report: BulkReport }
  | { ok: false; error: ImportFailure | "hasRefused"; report: BulkReport | null };

/** The text to read: the uploaded file (UTF-8 only) when one was chosen, else the pasted names. */
export async function rosterSource(file: FormDataEntryValue | null, pasted: string | undefined): Promise<{ ok: true; text: string } | { ok: false; error: ImportFailure }> {
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) return { ok: false, error: "fileTooLarge" };
    const text = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
    if (text === null) return { ok: false, error: "notUtf8" };
    return { ok: true, text };
  }
  return { ok: true, text: pasted ?? "" };
}

export async function createAccountsFromList(
  db: DB,
  input: { classId: number; teacherId: number; grade: number | null; text: string; skipInvalid: boolean },
): Promise<BulkOutcome> {
  const parsed = parseRosterText(input.text);
  if (!parsed.ok) return { ok: false, error: parsed.error, report: null };
  const checked = await refuseExistingMembers(db, input.classId, parsed.accepted);
  const refused = [...parsed.refused, ...checked.refused].sort((a, b) => a.line - b.line);
  const report: BulkReport = { accepted: checked.accepted, refused, emptyLines: parsed.emptyLines, headerLine: parsed.headerLine };
  if (refused.length > 0 && !input.skipInvalid) return { ok: false, error: "hasRefused", report };
  if (checked.accepted.length === 0) return { ok: false, error: "noRows", report };
  const created = await createClassAccounts(db, { classId: input.classId, teacherId: input.teacherId, grade: input.grade, rows: checked.accepted });
  if (!created.ok) {
    const lines = new Set(created.refused.map((r) => r.line));
    const raced: BulkReport = { ...report, accepted: report.accepted.filter((r) => !lines.has(r.line)), refused: [...report.refused, ...created.refused].sort((a, b) => a.line - b.line) };
    return { ok: false, error: "hasRefused", report: raced };
  }
  return { ok: true, cards: created.cards, report };
}
