// Permission slips for workshop sessions (issue 16): when staff ticked "requires a permission slip" on the program
// (`programs.requires_slip`), each confirmed registration of its sessions has a slip, answered like a tour slip
// (`slips.server.ts`: same table, same signing page and links, same retention). Decided in ARCHITECTURE.md:
// - created in the transaction that confirms the registration — the student's own registration, a class/group
//   registration (staff override included), promotion from the waitlist, a session restored after a cancellation —
//   when the student's data may be shared (no consent needed, or given), with an in-app notice to their guardians;
//   `createSlipsForSession` looks at all the session's confirmed registrations, so it is harmless twice;
// - a cancelled or removed registration, or a cancelled session → the slip is void, phone, note and link erased
//   (confirmed again later → the same slip is pending again, blank);
// - the session moved → answers stay valid, guardians are told the new date (as for a moved tour);
// - staff switching the setting on create the slips of confirmed registrations of upcoming sessions; switching it
//   off keeps existing slips (they are still shown and answerable) and creates no new ones.
import type { Locale } from "#db/schema";
import { bilingual, localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal, vnYear } from "~/lib/time";
import { CONSENT_AGE } from "./consent.server";
import { notifySlipGuardians } from "./slips.server";

const VOIDED = { status: "void" as const, emergency_phone: null, medical_note: null, token_hash: null, token_expires_at: null };

/** Slips for the session's confirmed registrations that have none (or a void one), when its program asks for them. */
export async function createSlipsForSession(trx: DB, input: { sessionId: number; now: string }): Promise<number> {
  const adultBirthYear = vnYear(input.now) - CONSENT_AGE;
  const due = await trx
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("guardian_consents as c", "c.student_id", "u.id")
    .leftJoin("permission_slips as ps", "ps.registration_id", "r.id")
    .select(["r.id", "r.user_id", "ps.id as slip_id", "p.title_vi", "p.title_en"])
    .where("r.session_id", "=", input.sessionId)
    .where("r.status", "=", "confirmed")
    .where("s.status", "=", "scheduled")
    .where("p.requires_slip", "=", 1)
    .where((w) => w.or([w("ps.id", "is", null), w("ps.status", "=", "void")]))
    .where((w) => w.or([w("c.status", "=", "given"), w("u.birth_year", "<=", adultBirthYear)]))
    .execute();
  if (!due.length) return 0;
  const revive = due.flatMap((d) => (d.slip_id === null ? [] : [d.slip_id]));
  if (revive.length) {
    await trx
      .updateTable("permission_slips")
      .set({ status: "pending", emergency_phone: null, medical_note: null, signed_name: null, signed_at: null, signed_ip: null, signed_by: null, token_hash: null, token_expires_at: null, reminded_at: null, updated_at: input.now })
      .where("id", "in", revive)
      .where("status", "=", "void")
      .execute();
  }
  const fresh = due.filter((d) => d.slip_id === null);
  if (fresh.length) {
    await trx
      .insertInto("permission_slips")
      .values(fresh.map((d) => ({ booking_id: null, registration_id: d.id, student_id: d.user_id, status: "pending" as const, created_at: input.now, updated_at: input.now })))
      .execute();
  }
  const slips = await trx.selectFrom("permission_slips").select(["id", "student_id"]).where("registration_id", "in", due.map((d) => d.id)).execute();
  await notifySlipGuardians(trx, { slips, messageKey: "notifications.sessionSlipWaiting", params: { title: bilingual(due[0]!, "title") }, now: input.now });
  return due.length;
}

/** The setting was switched on: slips for confirmed registrations of the program's upcoming scheduled sessions. */
export async function createSlipsForProgram(trx: DB, input: { programId: number; now: string }): Promise<void> {
  const sessions = await trx
    .selectFrom("workshop_sessions")
    .select("id")
    .where("program_id", "=", input.programId)
    .where("status", "=", "scheduled")
    .where("starts_at", ">", input.now)
    .limit(500)
    .execute();
  for (const s of sessions) await createSlipsForSession(trx, { sessionId: s.id, now: input.now });
}

/** A registration left (cancelled or removed), or the whole session was cancelled: its slips are void and erased. */
export async function voidSessionSlips(trx: DB, input: ({ registrationId: number } | { sessionId: number }) & { now: string }): Promise<number> {
  const registrations =
    "registrationId" in input
      ? [input.registrationId]
      : trx.selectFrom("workshop_registrations").select("id").where("session_id", "=", input.sessionId);
  const r = await trx
    .updateTable("permission_slips")
    .set({ ...VOIDED, updated_at: input.now })
    .where("registration_id", "in", registrations)
    .where("status", "!=", "void")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The session moved: answers stay valid; the guardians of its live slips are told the new start. */
export async function slipsSessionMoved(trx: DB, input: { sessionId: number; now: string }): Promise<void> {
  const slips = await trx
    .selectFrom("permission_slips as ps")
    .innerJoin("workshop_registrations as r", "r.id", "ps.registration_id")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["ps.id", "ps.student_id", "s.starts_at", "p.title_vi", "p.title_en"])
    .where("r.session_id", "=", input.sessionId)
    .where("ps.status", "!=", "void")
    .execute();
  if (!slips.length) return;
  await notifySlipGuardians(trx, { slips, messageKey: "notifications.sessionSlipMoved", params: { title: bilingual(slips[0]!, "title"), when: slips[0]!.starts_at }, now: input.now });
}

/**
 * Who sees a session's slips: staff (every confirmed student; medical notes only on a day the session meets,
 * Vietnam date), and teachers of a class registered for the session (`class_sessions`) — only their class's
 * students registered through the class, with medical notes always. Anyone else: null.
 */
export async function sessionSlipsAccess(db: DB, input: { sessionId: number; userId: number; staff: boolean; now: string }) {
  const session = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["s.id", "s.starts_at", "s.room", "s.status", "p.title_vi", "p.title_en", "p.requires_slip", "p.kind"])
    .where("s.id", "=", input.sessionId)
    .executeTakeFirst();
  if (!session) return null;
  if (input.staff) {
    const meetings = await db.selectFrom("workshop_meetings").select("starts_at").where("session_id", "=", input.sessionId).execute();
    const today = isoToVnLocal(input.now).date;
    const days = meetings.length ? meetings.map((m) => m.starts_at) : [session.starts_at];
    return { session, studentIds: undefined, manages: true, notesShown: days.some((d) => isoToVnLocal(d).date === today) };
  }
  const students = await db
    .selectFrom("class_sessions as cs")
    .innerJoin("class_teachers as t", "t.class_id", "cs.class_id")
    .innerJoin("class_members as m", "m.class_id", "cs.class_id")
    .innerJoin("workshop_registrations as r", (j) => j.onRef("r.user_id", "=", "m.student_id").onRef("r.session_id", "=", "cs.session_id"))
    .select("m.student_id")
    .distinct()
    .where("cs.session_id", "=", input.sessionId)
    .where("t.teacher_id", "=", input.userId)
    .where("r.source", "=", "class")
    .execute();
  const taught = await db
    .selectFrom("class_sessions as cs")
    .innerJoin("class_teachers as t", "t.class_id", "cs.class_id")
    .select("cs.class_id")
    .where("cs.session_id", "=", input.sessionId)
    .where("t.teacher_id", "=", input.userId)
    .executeTakeFirst();
  if (!taught) return null;
  return { session, studentIds: students.map((s) => s.student_id), manages: true, notesShown: true };
}

/** The session's heading for the slips page. */
export function sessionHeading(session: { title_vi: string; title_en: string | null; starts_at: string; room: string; requires_slip: number }, locale: Locale) {
  return { title: localized(session, "title", locale), startsAt: session.starts_at, room: session.room, required: session.requires_slip === 1 };
}

/**
 * For the staff attendance sheet: each confirmed registration's slip status ("none" = no slip, e.g. no data
 * consent), or null when the session's program asks for no slips.
 */
export async function slipStatusesForSession(db: DB, sessionId: number): Promise<Map<number, "pending" | "yes" | "no" | "void" | "none"> | null> {
  const program = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select("p.requires_slip")
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!program || program.requires_slip !== 1) return null;
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .leftJoin("permission_slips as ps", "ps.registration_id", "r.id")
    .select(["r.id", "ps.status"])
    .where("r.session_id", "=", sessionId)
    .where("r.status", "=", "confirmed")
    .execute();
  return new Map(rows.map((r) => [r.id, r.status ?? "none"]));
}

/** A class's workshop sessions whose program asks for slips (links from the class's guardians page). */
export async function classSessionsWithSlips(db: DB, input: { classId: number; locale: Locale; now: string }) {
  const rows = await db
    .selectFrom("class_sessions as cs")
    .innerJoin("workshop_sessions as s", "s.id", "cs.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["s.id", "s.starts_at", "p.title_vi", "p.title_en"])
    .where("cs.class_id", "=", input.classId)
    .where("p.requires_slip", "=", 1)
    .where("s.status", "=", "scheduled")
    .where("s.ends_at", ">", input.now)
    .orderBy("s.starts_at")
    .limit(50)
    .execute();
  return rows.map((r) => ({ sessionId: r.id, title: localized(r, "title", input.locale), startsAt: r.starts_at }));
}
