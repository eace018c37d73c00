// Enrolling in a course and leaving it. Capacity is a conditional update of courses.active_count; the unique
// (program_id, user_id) index makes a double submit harmless; leaving keeps the row, so re-enrolling restores progress.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database, EnrolmentSource } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { inTransaction } from "~/lib/db.server";
import { pauseForTests } from "~/lib/test-hooks";
import { ok, refuse, type Result } from "~/lib/result";
import { consumeThrottle, releaseThrottle, type ThrottleRule } from "~/lib/throttle.server";

export type EnrolRefusal =
  | "notFound"
  | "notPublished"
  | "classOnly"
  | "keyRequired"
  | "wrongKey"
  | "prerequisite"
  | "notOpenYet"
  | "closed"
  | "full"
  | "keyThrottled";

/** Wrong enrolment keys per student (all courses) in 15 minutes; reserved before the key is compared. */
export const ENROL_KEY_LIMIT: ThrottleRule = { bucket: "course-key.user", max: 10, windowMs: 15 * 60_000 };
/** The shortest key staff may set (a key of 1–5 characters is guessed within a few windows). */
export const ENROL_KEY_MIN_LENGTH = 6;

export type EnrolOutcome = "enrolled" | "reactivated" | "already";

/** Keys are low-value (handed out in class): compared in constant time, case- and space-insensitive. */
export function keysMatch(expected: string, given: string): boolean {
  const norm = (s: string) => createHash("sha256").update(s.trim().toLowerCase()).digest();
  return timingSafeEqual(norm(expected), norm(given));
}

async function loadCourse(trx: Transaction<Database>, programId: number) {
  return trx
    .selectFrom("courses as c")
    .innerJoin("programs as p", "p.id", "c.program_id")
    .select(["c.program_id", "c.enrolment_mode", "c.enrolment_key", "c.capacity", "c.enrol_opens_at", "c.enrol_closes_at", "c.prerequisite_program_id", "p.status"])
    .where("c.program_id", "=", programId)
    .executeTakeFirst();
}

function windowRefusal(course: { enrol_opens_at: string | null; enrol_closes_at: string | null }, now: string): "notOpenYet" | "closed" | null {
  if (course.enrol_opens_at && now < course.enrol_opens_at) return "notOpenYet";
  if (course.enrol_closes_at && now > course.enrol_closes_at) return "closed";
  return null;
}

/** Takes `seats` places if they are free (always when there is no capacity). */
async function takeSeats(trx: Transaction<Database>, programId: number, seats: number): Promise<boolean> {
  if (seats === 0) return true;
  const r = await trx
    .updateTable("courses")
    .set((eb) => ({ active_count: eb("active_count", "+", seats) }))
    .where("program_id", "=", programId)
    .where((eb) => eb.or([eb("capacity", "is", null), eb(eb("active_count", "+", seats), "<=", eb.ref("capacity"))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function enrolInCourse(
  db: DB,
  input: { userId: number; programId: number; source: EnrolmentSource; key?: string | null; now: string },
): Promise<Result<EnrolOutcome, EnrolRefusal>> {
  // A typed key is an attempt: reserved before the transaction compares it, given back unless it was wrong.
  const guessing = !!input.key && input.source !== "class";
  const throttleKey = String(input.userId);
  if (guessing && !(await consumeThrottle(db, ENROL_KEY_LIMIT, throttleKey, input.now)).allowed) return refuse("keyThrottled");
  const result = await enrolChecked(db, input);
  if (guessing && (result.ok || result.reason !== "wrongKey")) await releaseThrottle(db, ENROL_KEY_LIMIT, throttleKey, input.now);
  return result;
}

async function enrolChecked(
  db: DB,
  input: { userId: number; programId: number; source: EnrolmentSource; key?: string | null; now: string },
): Promise<Result<EnrolOutcome, EnrolRefusal>> {
  const now = input.now;
  return inTransaction(db, async (trx): Promise<Result<EnrolOutcome, EnrolRefusal>> => {
    const course = await loadCourse(trx, input.programId);
    if (!course) return refuse("notFound");
    if (course.status !== "published") return refuse("notPublished");
    const existing = await trx
      .selectFrom("enrolments")
      .select(["id", "status"])
      .where("program_id", "=", input.programId)
      .where("user_id", "=", input.userId)
      .executeTakeFirst();
    if (existing?.status === "active") return ok("already");
    if (course.enrolment_mode === "class_only" && input.source !== "class") return refuse("classOnly");
    if (course.enrolment_mode === "key" && input.source !== "class") {
      if (!input.key) return refuse("keyRequired");
      if (!course.enrolment_key || !keysMatch(course.enrolment_key, input.key)) return refuse("wrongKey");
    }
    const closed = windowRefusal(course, now);
    if (closed) return refuse(closed);
    if (course.prerequisite_program_id !== null) {
      const done = await trx
        .selectFrom("enrolments")
        .select("id")
        .where("program_id", "=", course.prerequisite_program_id)
        .where("user_id", "=", input.userId)
        .where("completed_at", "is not", null)
        .executeTakeFirst();
      if (!done) return refuse("prerequisite");
    }
    await pauseForTests("courses.enrol");
    if (!(await takeSeats(trx, input.programId, 1))) return refuse("full");
    const source: EnrolmentSource = input.source === "self" && course.enrolment_mode === "key" ? "key" : input.source;
    if (existing) {
      await trx
        .updateTable("enrolments")
        .set({ status: "active", left_at: null, source, last_activity_at: now })
        .where("id", "=", existing.id)
        .execute();
      return ok("reactivated");
    }
    await trx
      .insertInto("enrolments")
      .values({ program_id: input.programId, user_id: input.userId, status: "active", source, enrolled_at: now, last_activity_at: now })
      .execute();
    return ok("enrolled");
  });
}

export interface EnrolledMany {
  enrolled: number[];
  reactivated: number[];
  already: number[];
  missingPrerequisite: number[];
}

/** Refusals of a class enrolment (a subset of a learner's); "full" carries `params.seatsLeft`. */
export type EnrolManyRefusal = Extract<EnrolRefusal, "notFound" | "notPublished" | "notOpenYet" | "closed" | "full">;

/**
 * Enrols a class in one transaction with a fixed number of queries: already active members are skipped, members
 * who left are reactivated (their progress returns), members without the prerequisite are listed and skipped.
 * Capacity is all-or-nothing: if the seats left are fewer than those to enrol, nobody is enrolled.
 */
export async function enrolManyInCourse(
  db: DB,
  input: { programId: number; userIds: number[]; now: string },
): Promise<Result<EnrolledMany, EnrolManyRefusal>> {
  const now = input.now;
  const userIds = [...new Set(input.userIds)];
  return inTransaction(db, async (trx): Promise<Result<EnrolledMany, EnrolManyRefusal>> => {
    const course = await loadCourse(trx, input.programId);
    if (!course) return refuse("notFound");
    if (course.status !== "published") return refuse("notPublished");
    const closed = windowRefusal(course, now);
    if (closed) return refuse(closed);
    if (userIds.length === 0) return ok({ enrolled: [], reactivated: [], already: [], missingPrerequisite: [] });
    const existing = await trx
      .selectFrom("enrolments")
      .select(["user_id", "status"])
      .where("program_id", "=", input.programId)
      .where("user_id", "in", userIds)
      .execute();
    const status = new Map(existing.map((e) => [e.user_id, e.status]));
    const already = userIds.filter((id) => status.get(id) === "active");
    let candidates = userIds.filter((id) => status.get(id) !== "active");
    let missingPrerequisite: number[] = [];
    if (course.prerequisite_program_id !== null && candidates.length) {
      const done = await trx
        .selectFrom("enrolments")
        .select("user_id")
        .where("program_id", "=", course.prerequisite_program_id)
        .where("user_id", "in", candidates)
        .where("completed_at", "is not", null)
        .execute();
      const met = new Set(done.map((d) => d.user_id));
      missingPrerequisite = candidates.filter((id) => !met.has(id));
      candidates = candidates.filter((id) => met.has(id));
    }
    if (!(await takeSeats(trx, input.programId, candidates.length))) {
      const c = await trx.selectFrom("courses").select(["capacity", "active_count"]).where("program_id", "=", input.programId).executeTakeFirstOrThrow();
      return refuse("full", { params: { seatsLeft: Math.max(0, (c.capacity ?? 0) - c.active_count) } });
    }
    const reactivated = candidates.filter((id) => status.get(id) === "left");
    const enrolled = candidates.filter((id) => !status.has(id));
    if (reactivated.length) {
      await trx
        .updateTable("enrolments")
        .set({ status: "active", left_at: null, source: "class", last_activity_at: now })
        .where("program_id", "=", input.programId)
        .where("user_id", "in", reactivated)
        .execute();
    }
    if (enrolled.length) {
      await trx
        .insertInto("enrolments")
        .values(enrolled.map((user_id) => ({ program_id: input.programId, user_id, status: "active" as const, source: "class" as const, enrolled_at: now, last_activity_at: now })))
        .execute();
    }
    return ok({ enrolled, reactivated, already, missingPrerequisite });
  });
}

/** Leaving keeps the row and the progress; the seat is given back. Leaving twice is harmless. */
export async function leaveCourse(db: DB, input: { userId: number; programId: number; now: string }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable("enrolments")
      .set({ status: "left", left_at: input.now })
      .where("program_id", "=", input.programId)
      .where("user_id", "=", input.userId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable("courses")
      .set((eb) => ({ active_count: eb("active_count", "-", 1) }))
      .where("program_id", "=", input.programId)
      .where("active_count", ">", 0)
      .execute();
    return true;
  });
}

export async function getEnrolment(db: DB, input: { userId: number; programId: number }) {
  const row = await db
    .selectFrom("enrolments")
    .selectAll()
    .where("program_id", "=", input.programId)
    .where("user_id", "=", input.userId)
    .executeTakeFirst();
  return row ?? null;
}
