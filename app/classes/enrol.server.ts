// Enrolling a whole class (or some of its members) in a course or a workshop session, through the courses and
// workshops capabilities, and remembering the link: those become the columns of the class's progress matrix.
import { enrolManyInCourse } from "~/courses/enrolment.server";
import type { DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { registerGroupForSession, type GroupMode } from "~/workshops/group.server";
import { listMembers } from "./members.server";

/** The members to act on, in roster order (by given name): the selected ones, or everyone when none is selected. */
export async function rosterTargets(db: DB, classId: number, selected: number[] | undefined): Promise<number[]> {
  const roster = (await listMembers(db, classId)).map((m) => m.id);
  if (!selected || selected.length === 0) return roster;
  const wanted = new Set(selected);
  return roster.filter((id) => wanted.has(id));
}

export type ClassCourseResult =
  | { ok: true; enrolled: number; already: number; missingPrerequisite: number }
  | { ok: false; reason: "notFound" | "notPublished" | "notOpenYet" | "closed" | "full" | "noMembers"; seatsLeft?: number };

export async function enrolClassInCourse(db: DB, input: { classId: number; programId: number; userIds: number[]; addedBy: number }): Promise<ClassCourseResult> {
  if (input.userIds.length === 0) return { ok: false, reason: "noMembers" };
  return db.transaction().execute(async (trx) => {
    const r = await enrolManyInCourse(trx, { programId: input.programId, userIds: input.userIds, now: nowIso() });
    if (!r.ok) return { ok: false, reason: r.reason, seatsLeft: r.params?.seatsLeft === undefined ? undefined : Number(r.params.seatsLeft) };
    await trx
      .insertInto("class_courses")
      .values({ class_id: input.classId, program_id: input.programId, added_by: input.addedBy, created_at: nowIso() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { ok: true, enrolled: r.value.enrolled.length + r.value.reactivated.length, already: r.value.already.length, missingPrerequisite: r.value.missingPrerequisite.length };
  });
}

export type ClassSessionResult =
  | { ok: true; confirmed: number; waitlisted: number; already: number }
  | { ok: false; reason: "notFound" | "sessionCancelled" | "started" | "noMembers" }
  | { ok: false; reason: "notEnoughSeats"; fits: number; needed: number };

/** One transaction with the workshops' group registration: it holds the capacity guarantees. */
export async function registerClassForSession(
  db: DB,
  input: { classId: number; sessionId: number; userIds: number[]; mode: GroupMode; addedBy: number },
): Promise<ClassSessionResult> {
  if (input.userIds.length === 0) return { ok: false, reason: "noMembers" };
  return db.transaction().execute(async (trx) => {
    const r = await registerGroupForSession(trx, { sessionId: input.sessionId, userIds: input.userIds, mode: input.mode });
    if (!r.ok) return r;
    await trx
      .insertInto("class_sessions")
      .values({ class_id: input.classId, session_id: input.sessionId, added_by: input.addedBy, created_at: nowIso() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { ok: true, confirmed: r.confirmed.length, waitlisted: r.waitlisted.length, already: r.skipped.length };
  });
}

/** What the enrol page offers: published courses, upcoming sessions with seats left, and what the class already has. */
export async function loadEnrolOptions(db: DB, classId: number, now = nowIso()) {
  const [courses, sessions, linkedCourses, linkedSessions] = await Promise.all([
    db
      .selectFrom("programs")
      .innerJoin("courses", "courses.program_id", "programs.id")
      .select(["programs.id", "programs.title_vi", "programs.title_en", "courses.enrolment_mode"])
      .where("programs.kind", "=", "course")
      .where("programs.status", "=", "published")
      .orderBy("programs.title_vi")
      .limit(200)
      .execute(),
    db
      .selectFrom("workshop_sessions as s")
      .innerJoin("programs", "programs.id", "s.program_id")
      .select(["s.id", "s.starts_at", "s.capacity", "s.confirmed_count", "programs.title_vi", "programs.title_en"])
      .where("s.status", "=", "scheduled")
      .where("s.starts_at", ">", now)
      .where("programs.status", "=", "published")
      .orderBy("s.starts_at")
      .limit(200)
      .execute(),
    db
      .selectFrom("class_courses")
      .innerJoin("programs", "programs.id", "class_courses.program_id")
      .select(["programs.id", "programs.title_vi", "programs.title_en"])
      .where("class_courses.class_id", "=", classId)
      .orderBy("class_courses.created_at")
      .execute(),
    db
      .selectFrom("class_sessions")
      .innerJoin("workshop_sessions as s", "s.id", "class_sessions.session_id")
      .innerJoin("programs", "programs.id", "s.program_id")
      .select(["s.id", "s.starts_at", "programs.title_vi", "programs.title_en"])
      .where("class_sessions.class_id", "=", classId)
      .orderBy("s.starts_at")
      .execute(),
  ]);
  return {
    courses,
    sessions: sessions.map((s) => ({ ...s, seatsLeft: Math.max(0, s.capacity - s.confirmed_count) })),
    linkedCourses,
    linkedSessions,
  };
}
