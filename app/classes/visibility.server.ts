// What a class's teachers see of a member (the rule is written down in ARCHITECTURE.md, "What a teacher sees"):
// only the class's own activities (its courses, its workshop sessions, its tours), and of those only what the
// student did from the moment they joined the class. Work the class assigned happens after joining, so it shows in
// full; a course the student had started on their own shows only the lessons completed since joining; a session
// registration made before joining and a tour the student was not on when it was confirmed do not show at all.
// One query per kind of activity, for all members at once.
import { sql } from "kysely";
import { progressOf } from "~/courses/progress.server";
import type { DB } from "~/lib/db.server";

export interface VisibleCourseProgress {
  percent: number;
  enrolled: boolean;
  completedAt: string | null;
  lastActivityAt: string | null;
}

const key = (a: number, b: number) => `${a}:${b}`;

/**
 * Course progress of the members of these classes in these courses, counted from each member's joining of each
 * class. Key `class:program:user`.
 */
export async function visibleCourseProgress(
  db: DB,
  input: { classIds: number[]; programIds: number[]; userIds: number[] },
): Promise<Map<string, VisibleCourseProgress>> {
  const out = new Map<string, VisibleCourseProgress>();
  if (!input.classIds.length || !input.programIds.length || !input.userIds.length) return out;
  const [totals, done, enrolments] = await Promise.all([
    db
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["m.program_id", sql<number>`count(l.id)`.as("total")])
      .where("m.program_id", "in", input.programIds)
      .where("l.required", "=", 1)
      .groupBy("m.program_id")
      .execute(),
    db
      .selectFrom("lesson_completions as lc")
      .innerJoin("class_members as cm", (j) => j.onRef("cm.student_id", "=", "lc.user_id").on("cm.class_id", "in", input.classIds))
      .innerJoin("lessons as l", "l.id", "lc.lesson_id")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["cm.class_id", "m.program_id", "lc.user_id", sql<number>`count(lc.lesson_id)`.as("done")])
      .where("m.program_id", "in", input.programIds)
      .where("lc.user_id", "in", input.userIds)
      .where("l.required", "=", 1)
      .whereRef("lc.completed_at", ">=", "cm.created_at")
      .groupBy(["cm.class_id", "m.program_id", "lc.user_id"])
      .execute(),
    db
      .selectFrom("enrolments as e")
      .innerJoin("class_members as cm", (j) => j.onRef("cm.student_id", "=", "e.user_id").on("cm.class_id", "in", input.classIds))
      .select(["cm.class_id", "e.program_id", "e.user_id", "e.status", "e.enrolled_at", "e.completed_at", "e.last_activity_at", "cm.created_at as joined_at"])
      .where("e.program_id", "in", input.programIds)
      .where("e.user_id", "in", input.userIds)
      .execute(),
  ]);
  const totalOf = new Map(totals.map((t) => [t.program_id, Number(t.total)]));
  const doneOf = new Map(done.map((d) => [`${d.class_id}:${d.program_id}:${d.user_id}`, Number(d.done)]));
  for (const e of enrolments) {
    const k = `${e.class_id}:${e.program_id}:${e.user_id}`;
    const since = (at: string | null) => (at !== null && at >= e.joined_at ? at : null);
    const doneSince = doneOf.get(k) ?? 0;
    const p = progressOf(totalOf.get(e.program_id) ?? 0, doneSince);
    // An enrolment from before joining shows only once the student did something in it since joining.
    const seen = e.enrolled_at >= e.joined_at || doneSince > 0 || since(e.last_activity_at) !== null;
    if (!seen) continue;
    out.set(k, {
      percent: p.percent,
      enrolled: e.status === "active",
      completedAt: since(e.completed_at),
      lastActivityAt: since(e.last_activity_at),
    });
  }
  return out;
}

/** Registrations for the class's sessions made before the student joined: the teachers do not see them. Key `session:user`. */
export async function registrationsBeforeJoining(db: DB, input: { classId: number; sessionIds: number[]; userIds: number[] }): Promise<Set<string>> {
  if (!input.sessionIds.length || !input.userIds.length) return new Set();
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("class_members as cm", (j) => j.onRef("cm.student_id", "=", "r.user_id").on("cm.class_id", "=", input.classId))
    .select(["r.session_id", "r.user_id"])
    .where("r.session_id", "in", input.sessionIds)
    .where("r.user_id", "in", input.userIds)
    .whereRef("r.created_at", "<", "cm.created_at")
    .execute();
  return new Set(rows.map((r) => key(r.session_id, r.user_id)));
}

/**
 * Who was on each of the class's completed tours: the students listed when the booking was confirmed (adjusted by
 * staff on completion). A booking confirmed before the list existed counts the members who had joined by the
 * time it was completed. Key `booking:user`.
 */
export async function tourParticipants(db: DB, input: { classId: number; bookingIds: number[]; userIds: number[] }): Promise<Set<string>> {
  if (!input.bookingIds.length || !input.userIds.length) return new Set();
  const [listed, bookings] = await Promise.all([
    db
      .selectFrom("tour_booking_students")
      .select(["booking_id", "student_id"])
      .where("booking_id", "in", input.bookingIds)
      .where("student_id", "in", input.userIds)
      .execute(),
    db
      .selectFrom("tour_bookings as b")
      .innerJoin("class_members as cm", (j) => j.onRef("cm.class_id", "=", "b.class_id"))
      .select(["b.id", "cm.student_id"])
      .where("b.id", "in", input.bookingIds)
      .where("b.class_id", "=", input.classId)
      .where("cm.student_id", "in", input.userIds)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("tour_booking_students as l").select("l.booking_id").whereRef("l.booking_id", "=", "b.id"))))
      .whereRef("cm.created_at", "<=", sql.ref("b.completed_at"))
      .execute(),
  ]);
  return new Set([...listed.map((r) => key(r.booking_id, r.student_id)), ...bookings.map((r) => key(r.id, r.student_id))]);
}
