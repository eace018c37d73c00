// Builders for insights tests: rows inserted directly with exact instants (the aggregates are about time), so a
// fixture can be counted by hand. Times are given in Vietnam local time ("2026-10-05 08:00") unless ISO.
import type { CertificateStatus, ProgramKind, RegistrationStatus, TourBookingStatus } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { vnLocalToIso } from "~/lib/time";
import { createTestSchool, createTestUser } from "./factories";

let n = 0;
const T0 = "2026-01-01T00:00:00.000Z";

/** "2026-10-05 08:00" (Vietnam) → ISO UTC; an ISO string is returned as it is. */
export function vn(local: string): string {
  if (local.endsWith("Z")) return local;
  const [date, time] = local.split(" ");
  return vnLocalToIso(date, time ?? "00:00");
}

export async function program(db: DB, kind: ProgramKind, topics: string[] = [], title = `Chương trình ${kind}`) {
  n += 1;
  const row = await db
    .insertInto("programs")
    .values({ kind, slug: `insights-${kind}-${n}-${Math.random().toString(36).slice(2, 8)}`, title_vi: `${title} ${n}`, title_en: `${kind} ${n}`, status: "published", created_at: T0, updated_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (topics.length) await db.insertInto("program_topics").values(topics.map((topic) => ({ program_id: row.id, topic }))).execute();
  return row.id;
}

export async function school(db: DB, opts: { name?: string; district?: string; status?: "approved" | "pending" } = {}) {
  const id = await createTestSchool(opts.name ?? `Trường ${++n}`, db);
  await db.updateTable("schools").set({ district: opts.district ?? "", status: opts.status ?? "approved" }).where("id", "=", id).execute();
  return id;
}

export async function students(db: DB, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await createTestUser({ role: "student", fullName: `Học sinh ${i + 1}` }, db)).id);
  return ids;
}

export async function classIn(db: DB, schoolId: number, studentIds: number[]) {
  const owner = await createTestUser({ role: "teacher" }, db);
  const c = await db
    .insertInto("classes")
    .values({ name: `Lớp ${++n}`, school_id: schoolId, school_year: "2026-2027", owner_id: owner.id, created_at: T0, updated_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (studentIds.length) {
    await db.insertInto("class_members").values(studentIds.map((student_id) => ({ class_id: c.id, student_id, joined_via: "teacher" as const, created_at: T0 }))).execute();
  }
  return c.id;
}

/** A session with one meeting (starting at the session's start, 2 hours long). */
export async function session(db: DB, programId: number, startsLocal: string, capacity: number, status: "scheduled" | "cancelled" = "scheduled") {
  const starts = vn(startsLocal);
  const ends = new Date(Date.parse(starts) + 2 * 3_600_000).toISOString();
  const s = await db
    .insertInto("workshop_sessions")
    .values({ program_id: programId, capacity, starts_at: starts, ends_at: ends, status, created_at: T0, updated_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const m = await db.insertInto("workshop_meetings").values({ session_id: s.id, starts_at: starts, ends_at: ends }).returning("id").executeTakeFirstOrThrow();
  return { id: s.id, meetingId: m.id };
}

let position = 0;
export async function registration(db: DB, sessionId: number, userId: number, status: RegistrationStatus, createdLocal: string) {
  const at = vn(createdLocal);
  const r = await db
    .insertInto("workshop_registrations")
    .values({ session_id: sessionId, user_id: userId, status, waitlist_position: status === "waitlisted" ? ++position : null, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The session's seat counter moves with a confirmed registration, as registerForSession moves it.
  if (status === "confirmed") {
    await db.updateTable("workshop_sessions").set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) })).where("id", "=", sessionId).execute();
  }
  return r.id;
}

export async function mark(db: DB, registrationId: number, meetingId: number, status: "attended" | "absent") {
  await db.insertInto("workshop_attendance").values({ registration_id: registrationId, meeting_id: meetingId, status, marked_at: T0, marked_by: null }).execute();
}

/** A course with `required` required lessons and `optional` optional ones; returns the lesson ids. */
export async function course(db: DB, topics: string[], required: number, optional = 0) {
  const programId = await program(db, "course", topics, "Khóa học");
  const mod = await db.insertInto("course_modules").values({ program_id: programId, position: 1, title_vi: "Chương 1" }).returning("id").executeTakeFirstOrThrow();
  const requiredIds: number[] = [];
  const optionalIds: number[] = [];
  for (let i = 0; i < required + optional; i++) {
    const l = await db
      .insertInto("lessons")
      .values({ module_id: mod.id, position: i + 1, title_vi: `Bài ${i + 1}`, required: i < required ? 1 : 0, created_at: T0, updated_at: T0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    (i < required ? requiredIds : optionalIds).push(l.id);
  }
  return { programId, requiredIds, optionalIds };
}

export async function enrolment(db: DB, programId: number, userId: number, enrolledLocal: string, completedLocal: string | null = null, lessonIds: number[] = []) {
  // required_done: the completed required lessons, as the app keeps it with every completion (progress.server.ts).
  const required = lessonIds.length
    ? await db.selectFrom("lessons").select("id").where("id", "in", lessonIds).where("required", "=", 1).execute()
    : [];
  await db
    .insertInto("enrolments")
    .values({
      program_id: programId,
      user_id: userId,
      enrolled_at: vn(enrolledLocal),
      completed_at: completedLocal ? vn(completedLocal) : null,
      status: "active",
      source: "self",
      required_done: required.length,
    })
    .execute();
  if (lessonIds.length) await db.insertInto("lesson_completions").values(lessonIds.map((lesson_id) => ({ user_id: userId, lesson_id, completed_at: vn(enrolledLocal) }))).execute();
}

export async function tourVisit(
  db: DB,
  input: { programId: number; schoolId: number; startsLocal: string; status: TourBookingStatus; students: number; actual?: number | null },
) {
  const starts = vn(input.startsLocal);
  const slot = await db
    .insertInto("tour_slots")
    .values({ program_id: input.programId, starts_at: starts, ends_at: new Date(Date.parse(starts) + 7_200_000).toISOString(), capacity_students: 100, created_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("tour_bookings")
    .values({
      reference: `TQ-${++n}-${Math.random().toString(36).slice(2, 8)}`,
      slot_id: slot.id,
      program_id: input.programId,
      school_id: input.schoolId,
      students: input.students,
      actual_students: input.actual ?? null,
      grade_min: 6,
      grade_max: 9,
      adults: 3,
      contact_name: "Cô Lan",
      contact_phone: "0900000000",
      status: input.status,
      created_at: T0,
      updated_at: T0,
    })
    .execute();
}

export async function certificate(db: DB, input: { userId: number; programId: number; kind: "course" | "workshop" | "tour"; issuedLocal: string; status?: CertificateStatus }) {
  n += 1;
  await db
    .insertInto("certificates")
    .values({
      serial: `TEST-${n}-${Math.random().toString(36).slice(2, 8)}`,
      code: `code-${n}-${Math.random().toString(36).slice(2, 12)}`,
      user_id: input.userId,
      program_id: input.programId,
      kind: input.kind,
      recipient_name: "Học sinh",
      program_title_vi: "Chương trình",
      program_title_en: null,
      hours: null,
      issued_at: vn(input.issuedLocal),
      issuer_name: "Trung tâm",
      issuer_city: "Bình Dương",
      status: input.status ?? "valid",
      created_at: T0,
    })
    .execute();
}
