// Demo certificates: whatever the other seeds made true (completed courses, attended workshops, completed tours
// with a class) earns its certificate through the same hooks as in production; then one revoked certificate.
// Verification codes stay random even here: they are secrets, and demo data may reach a public server.
import { onCourseCompleted, onTourBookingCompleted, onWorkshopAttendanceMarked } from "~/certificates/hooks.server";
import { issueCertificate, revokeCertificate } from "~/certificates/issue.server";
import type { SeedContext } from "./context";

export async function seedCertificates(ctx: SeedContext): Promise<void> {
  const { db, users } = ctx;
  const now = ctx.today;
  const completions = await db
    .selectFrom("enrolments")
    .select(["user_id", "program_id", "completed_at"])
    .where("completed_at", "is not", null)
    .orderBy("completed_at")
    .execute();
  for (const e of completions) {
    await onCourseCompleted(db, { userId: e.user_id, programId: e.program_id, completedAt: e.completed_at as string });
  }

  const attended = await db
    .selectFrom("workshop_attendance as a")
    .innerJoin("workshop_registrations as r", "r.id", "a.registration_id")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .select(["r.user_id", "r.session_id", "s.program_id"])
    .where("a.status", "=", "attended")
    .groupBy(["r.user_id", "r.session_id", "s.program_id"])
    .orderBy("r.session_id")
    .orderBy("r.user_id")
    .execute();
  for (const a of attended) {
    await onWorkshopAttendanceMarked(db, { userId: a.user_id, programId: a.program_id, sessionId: a.session_id, now });
  }

  const tours = await db
    .selectFrom("tour_bookings")
    .select("id")
    .where("status", "=", "completed")
    .where("class_id", "is not", null)
    .orderBy("id")
    .execute();
  for (const b of tours) await onTourBookingCompleted(db, { bookingId: b.id, now });

  // An offline event certified by hand for the demo student (so the demo always shows a certificate) ...
  const workshop = await db
    .selectFrom("programs")
    .select(["id", "kind"])
    .where("status", "=", "published")
    .where("kind", "=", "workshop")
    .orderBy("id")
    .executeTakeFirst();
  if (workshop) {
    await issueCertificate(db, {
      userId: users.student,
      programId: workshop.id,
      kind: "workshop",
      hours: 3,
      issuedBy: users.staff,
      sourceRef: "seed:offline-event",
      now,
    });
  }
  // ... and one revoked certificate: issued to the wrong student for a program they never took, then revoked.
  const alreadyRevoked = await db.selectFrom("certificates").select("id").where("status", "=", "revoked").executeTakeFirst();
  const wrong = alreadyRevoked
    ? undefined
    : await db
        .selectFrom("programs")
        .select(["id", "kind"])
        .where("status", "=", "published")
        .where("id", "not in", db.selectFrom("certificates").select("program_id").where("user_id", "=", users.student2))
        .orderBy("kind", "desc")
        .orderBy("id", "desc")
        .executeTakeFirst();
  if (wrong) {
    const r = await issueCertificate(db, {
      userId: users.student2,
      programId: wrong.id,
      kind: wrong.kind,
      hours: 2,
      issuedBy: users.staff,
      sourceRef: "seed:offline-event",
      now,
    });
    if (r.ok && r.value.created) {
      await revokeCertificate(db, { certificateId: r.value.certificate.id, reason: "Cấp nhầm: học sinh không tham dự chương trình này.", actor: { userId: null, ip: "seed" }, now });
    }
  }
}
