// The bulk "create student accounts" request: read the pasted list or uploaded file, check it, and create the
// accounts in one transaction — or nothing, with a report of every refused line.
import type { DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { vnYear } from "~/lib/time";
import { isApprovedAtSchool } from "./access.server";
import { createClassAccounts, refuseExistingMembers, type LoginCard } from "./accounts.server";
import { decodeUtf8, MAX_FILE_BYTES, parseRosterText } from "./roster-import.server";
import type { BulkReport, ImportFailure } from "./roster-types";

export type { BulkReport };

/**
 * notApproved: only teachers their school has vouched for mint accounts; archived: restore the class first;
 * hasRefused: some lines were refused and the teacher did not ask to skip them; the rest: the list cannot be read.
 */
export type BulkRefusal = "notApproved" | "archived" | ImportFailure | "hasRefused";

/** The answer and, once the list could be read, its report (shown with the cards, or with the refusal). */
export interface BulkAttempt {
  result: Result<LoginCard[], BulkRefusal>;
  report: BulkReport | null;
}

/** The text to read: the uploaded file (UTF-8 only) when one was chosen, else the pasted names. */
async function rosterSource(file: FormDataEntryValue | null, pasted: string | undefined): Promise<Result<string, ImportFailure>> {
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) return refuse("fileTooLarge");
    const text = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
    if (text === null) return refuse("notUtf8");
    return ok(text);
  }
  return ok(pasted ?? "");
}

export async function createAccountsFromList(
  db: DB,
  input: {
    cls: { id: number; schoolId: number; grade: number | null; archivedAt: string | null };
    teacherId: number;
    file: FormDataEntryValue | null;
    pasted: string | undefined;
    skipInvalid: boolean;
    now: string;
  },
): Promise<BulkAttempt> {
  const refused = (reason: BulkRefusal, report: BulkReport | null = null): BulkAttempt => ({ result: refuse(reason), report });
  if (!(await isApprovedAtSchool(db, input.teacherId, input.cls.schoolId))) return refused("notApproved");
  if (input.cls.archivedAt) return refused("archived");
  const source = await rosterSource(input.file, input.pasted);
  if (!source.ok) return refused(source.reason);
  const parsed = parseRosterText(source.value, { currentYear: vnYear(input.now) });
  if (!parsed.ok) return refused(parsed.reason);
  const checked = await refuseExistingMembers(db, input.cls.id, parsed.value.accepted);
  const report: BulkReport = {
    accepted: checked.accepted,
    refused: [...parsed.value.refused, ...checked.refused].sort((a, b) => a.line - b.line),
    emptyLines: parsed.value.emptyLines,
    headerLine: parsed.value.headerLine,
    sameName: parsed.value.sameName,
  };
  if (report.refused.length > 0 && !input.skipInvalid) return refused("hasRefused", report);
  if (checked.accepted.length === 0) return refused("noRows", report);
  const created = await createClassAccounts(db, { classId: input.cls.id, teacherId: input.teacherId, grade: input.cls.grade, rows: checked.accepted, now: input.now });
  if (created.refused.length) {
    // Another submit of the same list won the race: nothing was created by this one.
    const lines = new Set(created.refused.map((r) => r.line));
    const raced: BulkReport = {
      ...report,
      accepted: report.accepted.filter((r) => !lines.has(r.line)),
      refused: [...report.refused, ...created.refused].sort((a, b) => a.line - b.line),
    };
    return refused("hasRefused", raced);
  }
  return { result: ok(created.cards), report };
}
