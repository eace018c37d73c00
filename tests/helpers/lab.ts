// Builders for lab tests: resources through the staff function, certificates through the issuing function.
import type { ProgramKind } from "#db/schema";
import { issueCertificate } from "~/certificates/issue.server";
import { db, type DB } from "~/lib/db.server";
import { saveResource, type ResourceInput } from "~/lab/staff.server";
import { vnLocalToIso } from "~/lib/time";
import { createTestProgram } from "./certificates";

let n = 0;

/** A Monday far enough ahead that fixed test instants are always "before" it. */
export const MONDAY = "2030-01-07";
/** Monday 07:00 in Vietnam of that week: the tests' "now". */
export const NOW = vnLocalToIso(MONDAY, "07:00");
export const at = (date: string, time: string) => vnLocalToIso(date, time);

export async function createTestResource(overrides: Partial<ResourceInput> = {}, database: DB = db) {
  n += 1;
  const form: ResourceInput = {
    slug: `may-thu-${n}-${Date.now().toString(36)}`,
    kind: "machine",
    nameVi: `Máy cắt laser thử ${n}`,
    nameEn: `Test laser cutter ${n}`,
    descriptionVi: "",
    descriptionEn: "",
    location: "Tầng 1",
    capacity: 1,
    slotMinutes: 60,
    maxSlotsPerBooking: 3,
    maxHoursPerWeek: 4,
    minGrade: null,
    minAge: null,
    noShowPenalty: true,
    openingHours: "1-6 08:00-17:00",
    programIds: [],
    ...overrides,
  };
  const r = await saveResource(database, { resourceId: null, form, now: NOW });
  if (!r.ok) throw new Error(`createTestResource: ${r.reason}`);
  return { id: r.value.id, slug: r.value.slug };
}

export async function createTrainingProgram(kind: ProgramKind = "course", title = "An toàn xưởng chế tạo") {
  return createTestProgram(kind, `${title} ${++n}`, `Workshop safety ${n}`);
}

export async function grantCertificate(userId: number, programId: number, kind: ProgramKind = "course", now = NOW) {
  const r = await issueCertificate(db, { userId, programId, kind, now, sourceRef: `test:${programId}` });
  if (!r.ok) throw new Error(`grantCertificate: ${r.reason}`);
  return r.value;
}

/** Tuesday of next week (Vietnam), as a local date: always in the future for actions that use the real clock. */
export function nextTuesday(): string {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const [y, m, d] = today.split("-").map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  return new Date(Date.UTC(y, m - 1, d - w + 1 + 8)).toISOString().slice(0, 10);
}
