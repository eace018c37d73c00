// Consent to process a child's data (Nghị định 13/2023/NĐ-CP), for students under 16 by birth year in Vietnam
// time (an unknown birth year counts as under 16). A linked guardian gives or withdraws it; the row keeps the
// latest state, when and who recorded it, and the audit log keeps every change. What "until given" means is in
// ARCHITECTURE.md ("Guardians"): no permission slip (so no emergency contact or medical note) is created for the
// child, and the class's teachers see a reminder. Withdrawing voids the child's slips of visits still to come
// and erases their contact phone and medical note.
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { vnYear } from "~/lib/time";

export const CONSENT_AGE = 16;

/** Whether the child's data needs a guardian's consent at `now` (under 16 by birth year, or birth year unknown). */
export function consentNeeded(birthYear: number | null, now: string): boolean {
  return birthYear === null || vnYear(now) - birthYear < CONSENT_AGE;
}

export type ConsentRefusal = "notFound";

async function linkedChild(db: DB, guardianId: number, studentId: number) {
  return db
    .selectFrom("guardian_links as l")
    .innerJoin("users as u", "u.id", "l.student_id")
    .select(["u.id", "u.birth_year"])
    .where("l.guardian_id", "=", guardianId)
    .where("l.student_id", "=", studentId)
    .executeTakeFirst();
}

/** A linked guardian records consent (again after a withdrawal). Someone else's child: notFound, nothing changes. */
export async function giveConsent(db: DB, input: { guardianId: number; studentId: number; ip: string; now: string }): Promise<Result<undefined, ConsentRefusal>> {
  return inTransaction(db, async (trx) => {
    if (!(await linkedChild(trx, input.guardianId, input.studentId))) return refuse("notFound");
    await trx
      .insertInto("guardian_consents")
      .values({ student_id: input.studentId, status: "given", recorded_by: input.guardianId, given_at: input.now, withdrawn_at: null, updated_at: input.now })
      .onConflict((oc) => oc.column("student_id").doUpdateSet({ status: "given", recorded_by: input.guardianId, given_at: input.now, withdrawn_at: null, updated_at: input.now }))
      .execute();
    await recordAudit(trx, { actor: { userId: input.guardianId, ip: input.ip }, action: "guardian.consentGiven", subject: { type: "user", id: input.studentId }, now: input.now });
    return ok();
  });
}

/** Withdraws consent: the child's slips of future visits are voided and their phone and medical note erased. */
export async function withdrawConsent(db: DB, input: { guardianId: number; studentId: number; ip: string; now: string }): Promise<Result<{ voided: number }, ConsentRefusal>> {
  return inTransaction(db, async (trx) => {
    if (!(await linkedChild(trx, input.guardianId, input.studentId))) return refuse("notFound");
    await trx
      .insertInto("guardian_consents")
      .values({ student_id: input.studentId, status: "withdrawn", recorded_by: input.guardianId, given_at: null, withdrawn_at: input.now, updated_at: input.now })
      .onConflict((oc) => oc.column("student_id").doUpdateSet({ status: "withdrawn", recorded_by: input.guardianId, withdrawn_at: input.now, updated_at: input.now }))
      .execute();
    const future = trx
      .selectFrom("tour_bookings as b")
      .innerJoin("tour_slots as s", "s.id", "b.slot_id")
      .select("b.id")
      .where("s.starts_at", ">", input.now);
    const r = await trx
      .updateTable("permission_slips")
      .set({ status: "void", emergency_phone: null, medical_note: null, token_hash: null, token_expires_at: null, updated_at: input.now })
      .where("student_id", "=", input.studentId)
      .where("status", "!=", "void")
      .where((eb) =>
        eb.or([
          eb("booking_id", "in", future),
          eb("registration_id", "in", trx.selectFrom("workshop_registrations as r").innerJoin("workshop_sessions as s", "s.id", "r.session_id").select("r.id").where("s.starts_at", ">", input.now)),
        ]),
      )
      .executeTakeFirst();
    await recordAudit(trx, { actor: { userId: input.guardianId, ip: input.ip }, action: "guardian.consentWithdrawn", subject: { type: "user", id: input.studentId }, now: input.now });
    return ok({ voided: Number(r.numUpdatedRows) });
  });
}

/** Whether a student's data may be shared beyond the class (no consent needed, or given). */
export async function hasConsent(db: DB, input: { studentId: number; birthYear: number | null; now: string }): Promise<boolean> {
  if (!consentNeeded(input.birthYear, input.now)) return true;
  const row = await db.selectFrom("guardian_consents").select("status").where("student_id", "=", input.studentId).executeTakeFirst();
  return row?.status === "given";
}

/** The class's students under 16 whose consent is missing (the teacher's reminder). */
export async function studentsMissingConsent(db: DB, input: { classId: number; now: string }) {
  const rows = await db
    .selectFrom("class_members as m")
    .innerJoin("users as u", "u.id", "m.student_id")
    .leftJoin("guardian_consents as c", "c.student_id", "u.id")
    .select(["u.id", "u.full_name as fullName", "u.birth_year", "c.status"])
    .where("m.class_id", "=", input.classId)
    .where("u.role", "=", "student")
    .orderBy("u.name_key")
    .limit(1000)
    .execute();
  return rows.filter((r) => r.status !== "given" && consentNeeded(r.birth_year, input.now)).map((r) => ({ id: r.id, fullName: r.fullName }));
}
