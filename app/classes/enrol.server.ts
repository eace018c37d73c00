// Enrolling a whole class (or some of its members) in a course or a workshop session, through the courses and
// workshops capabilities, and remembering the link: those become the columns of the class's progress matrix.
import { enrolManyInCourse } from "~/courses/enrolment.server";
import type { Locale } from "~/i18n";
import { compareVietnameseNames } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { previewGroupRules, registerGroupForSession, type GroupMode, type GroupRegistered, type StaffOverride, type StudentRefusal } from "~/workshops/group.server";
import { listMembers } from "./members.server";

/** The members to act on, in roster order (by given name): the selected ones, or everyone when none is selected. */
export async function rosterTargets(db: DB, classId: number, selected: number[] | undefined): Promise<number[]> {
  const roster = (await listMembers(db, classId)).map((m) => m.id);
  if (!selected || selected.length === 0) return roster;
  const wanted = new Set(selected);
  return roster.filter((id) => wanted.has(id));
}

/** full: fewer seats left than students (params.seats); noMembers: nobody (of the class) to enrol. */
export type ClassCourseRefusal = "notFound" | "notPublished" | "notOpenYet" | "closed" | "full" | "noMembers";

export interface ClassCourseDone {
  enrolled: number;
  already: number;
  missingPrerequisite: number;
}

/** One transaction with the courses' group enrolment (it holds the capacity guarantees) and the class's link. */
export async function enrolClassInCourse(
  db: DB,
  input: { classId: number; programId: number; userIds: number[]; addedBy: number; now: string },
): Promise<Result<ClassCourseDone, ClassCourseRefusal>> {
  if (input.userIds.length === 0) return refuse("noMembers");
  return inTransaction(db, async (trx): Promise<Result<ClassCourseDone, ClassCourseRefusal>> => {
    const r = await enrolManyInCourse(trx, { programId: input.programId, userIds: input.userIds, now: input.now });
    if (!r.ok) return r.reason === "full" ? refuse(r.reason, { params: { seats: Number(r.params?.seatsLeft ?? 0) } }) : refuse(r.reason);
    await trx
      .insertInto("class_courses")
      .values({ class_id: input.classId, program_id: input.programId, added_by: input.addedBy, created_at: input.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return ok({ enrolled: r.value.enrolled.length + r.value.reactivated.length, already: r.value.already.length, missingPrerequisite: r.value.missingPrerequisite.length });
  });
}

/** notEnoughSeats (all-or-nothing only): params.seats seats for params.count students; nobody was registered. */
export type ClassSessionRefusal = "notFound" | "sessionCancelled" | "started" | "notOpen" | "closed" | "noMembers" | "notEnoughSeats";

export interface ClassSessionDone {
  confirmed: number;
  waitlisted: number;
  already: number;
  /** Students the workshop rules left out, by name, with the reason (and the overlapping program's title). */
  refused: { studentId: number; fullName: string; reason: StudentRefusal; title: string | null }[];
}

/**
 * One transaction with the workshops' group registration: it holds the capacity guarantees and the same rules as
 * a student's own registration (students who fail them are listed, the others registered).
 */
export async function registerClassForSession(
  db: DB,
  input: {
    classId: number;
    sessionId: number;
    userIds: number[];
    mode: GroupMode;
    addedBy: number;
    locale?: Locale;
    /** Staff only (the route checks the role): lifts the window and the per-student rules, recorded with its reason. */
    override?: Omit<StaffOverride, "classId">;
    now: string;
  },
): Promise<Result<ClassSessionDone, ClassSessionRefusal>> {
  if (input.userIds.length === 0) return refuse("noMembers");
  return inTransaction(db, async (trx): Promise<Result<ClassSessionDone, ClassSessionRefusal>> => {
    const override = input.override ? { ...input.override, classId: input.classId } : undefined;
    const r = await registerGroupForSession(trx, { sessionId: input.sessionId, userIds: input.userIds, mode: input.mode, override, now: input.now });
    if (!r.ok) return r.reason === "notEnoughSeats" ? refuse(r.reason, { params: { seats: Number(r.params?.fits ?? 0), count: Number(r.params?.needed ?? 0) } }) : refuse(r.reason);
    await trx
      .insertInto("class_sessions")
      .values({ class_id: input.classId, session_id: input.sessionId, added_by: input.addedBy, created_at: input.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return ok({
      confirmed: r.value.confirmed.length,
      waitlisted: r.value.waitlisted.length,
      already: r.value.skipped.length,
      refused: await namedRefusals(trx, r.value.refused, input.locale ?? "vi"),
    });
  });
}

/** Refused students by name (Vietnamese order), with the overlapping program's title in the reader's language. */
async function namedRefusals(db: DB, refused: GroupRegistered["refused"], locale: Locale): Promise<ClassSessionDone["refused"]> {
  const ids = refused.map((x) => x.userId);
  const names = ids.length ? await db.selectFrom("users").select(["id", "full_name"]).where("id", "in", ids).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
  return refused
    .map((x) => ({
      studentId: x.userId,
      fullName: nameOf.get(x.userId) ?? "",
      reason: x.reason,
      title: x.title ? localized({ title_vi: x.title.vi, title_en: x.title.en }, "title", locale) : null,
    }))
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}

export interface ClassOverridePreview {
  /** "open", or the registration window the override lifts. */
  window: "open" | "notOpen" | "closed";
  students: number;
  already: number;
  seatsLeft: number;
  /** What the rules would refuse, by name: the override registers these (except accounts that are not students). */
  refused: ClassSessionDone["refused"];
}

/** The staff override's confirm step: what registering these members would meet under the rules. Changes nothing. */
export async function previewClassOverride(
  db: DB,
  input: { sessionId: number; userIds: number[]; locale: Locale; now: string },
): Promise<Result<ClassOverridePreview, ClassSessionRefusal>> {
  if (input.userIds.length === 0) return refuse("noMembers");
  const r = await previewGroupRules(db, { sessionId: input.sessionId, userIds: input.userIds, now: input.now });
  if (!r.ok) return refuse(r.reason);
  return ok({
    window: r.value.window,
    students: new Set(input.userIds).size,
    already: r.value.already.length,
    seatsLeft: r.value.seatsLeft,
    refused: await namedRefusals(db, r.value.refused, input.locale),
  });
}

/**
 * What the enrol page offers, in the reader's language: published courses, upcoming sessions with the seats
 * left, and what the class already has.
 */
export async function loadEnrolOptions(db: DB, input: { classId: number; locale: Locale; now: string }) {
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
      .where("s.starts_at", ">", input.now)
      .where("programs.status", "=", "published")
      .orderBy("s.starts_at")
      .limit(200)
      .execute(),
    db
      .selectFrom("class_courses")
      .innerJoin("programs", "programs.id", "class_courses.program_id")
      .select(["programs.id", "programs.title_vi", "programs.title_en"])
      .where("class_courses.class_id", "=", input.classId)
      .orderBy("class_courses.created_at")
      .execute(),
    db
      .selectFrom("class_sessions")
      .innerJoin("workshop_sessions as s", "s.id", "class_sessions.session_id")
      .innerJoin("programs", "programs.id", "s.program_id")
      .select(["s.id", "s.starts_at", "programs.title_vi", "programs.title_en"])
      .where("class_sessions.class_id", "=", input.classId)
      .orderBy("s.starts_at")
      .execute(),
  ]);
  const { locale } = input;
  return {
    courses: courses.map((c) => ({ id: c.id, title: localized(c, "title", locale), classOnly: c.enrolment_mode === "class_only" })),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: localized(s, "title", locale),
      startsAt: s.starts_at,
      seatsLeft: Math.max(0, s.capacity - s.confirmed_count),
    })),
    linkedCourses: linkedCourses.map((c) => ({ id: c.id, title: localized(c, "title", locale) })),
    linkedSessions: linkedSessions.map((s) => ({ id: s.id, title: localized(s, "title", locale), startsAt: s.starts_at })),
  };
}

export type EnrolOptions = Awaited<ReturnType<typeof loadEnrolOptions>>;
