// Demo guardian (issue 16): guardian@example.com, linked to the demo student, with consent recorded; a pending
// permission slip for each confirmed, upcoming class booking that lists the demo student (the teacher's class's
// confirmed tour, db/seed/tours.ts), and one workshop-session slip: the program of the demo student's first
// upcoming confirmed session asks for slips, so its confirmed students whose data may be shared get one.
import { createUser } from "~/auth/users.server";
import { createSlipsForSession } from "~/guardians/session-slips.server";
import type { SeedContext } from "./context";

export async function seedGuardians(ctx: SeedContext): Promise<void> {
  const { db } = ctx;
  const now = new Date().toISOString();
  const created = await createUser(db, { email: "guardian@example.com", fullName: "Nguyễn Văn Hùng", role: "guardian", passwordHash: ctx.passwordHash, locale: "vi", now });
  if (!created.ok) throw new Error(`seed: guardian: ${created.reason}`);
  const guardianId = created.value;
  await db.insertInto("guardian_links").values({ student_id: ctx.users.student, guardian_id: guardianId, place: 1, invited_by: ctx.users.student, created_at: now }).execute();
  await db.insertInto("guardian_consents").values({ student_id: ctx.users.student, status: "given", recorded_by: guardianId, given_at: now, withdrawn_at: null, updated_at: now }).execute();
  const bookings = await db
    .selectFrom("tour_booking_students as bs")
    .innerJoin("tour_bookings as b", "b.id", "bs.booking_id")
    .innerJoin("tour_slots as s", "s.id", "b.slot_id")
    .select("b.id")
    .where("bs.student_id", "=", ctx.users.student)
    .where("b.status", "=", "confirmed")
    .where("s.starts_at", ">", now)
    .execute();
  if (bookings.length) {
    await db
      .insertInto("permission_slips")
      .values(bookings.map((b) => ({ booking_id: b.id, student_id: ctx.users.student, status: "pending" as const, created_at: now, updated_at: now })))
      .execute();
  }
  const session = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .select(["s.id", "s.program_id"])
    .where("r.user_id", "=", ctx.users.student)
    .where("r.status", "=", "confirmed")
    .where("s.status", "=", "scheduled")
    .where("s.starts_at", ">", now)
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .executeTakeFirst();
  if (session) {
    await db.updateTable("programs").set({ requires_slip: 1 }).where("id", "=", session.program_id).execute();
    await createSlipsForSession(db, { sessionId: session.id, now });
  }
}
