// Joining a class with its code, throttled so that codes cannot be guessed.
import type { SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { consumeThrottle, releaseThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { ok, refuse, type Result } from "~/lib/result";
import { normaliseJoinCode } from "./credentials.server";
import { addMember } from "./members.server";

const WINDOW_MS = 15 * 60_000;
/** Failed joins (wrong or switched-off codes, POST only) per student and per address in 15 minutes. */
export const JOIN_USER_LIMIT: ThrottleRule = { bucket: "class-join.user", max: 10, windowMs: WINDOW_MS };
export const JOIN_IP_LIMIT: ThrottleRule = { bucket: "class-join.address", max: 30, windowMs: WINDOW_MS };
/**
 * Opening a join link (GET) has its own, larger budget per student: it never uses up the budget of joining, so a
 * cross-site link cannot stop a student from joining, and links cannot be used to guess codes unthrottled.
 */
export const JOIN_VIEW_LIMIT: ThrottleRule = { bucket: "class-join.view", max: 60, windowMs: WINDOW_MS };

/** Only students join with a code; a wrong, switched-off or archived code is "invalid"; too many wrong ones "throttled". */
export type JoinRefusal = "studentsOnly" | "invalid" | "throttled";

export interface JoinTarget {
  classId: number;
  className: string;
  schoolName: string;
  teacherName: string;
}

interface JoinInput {
  code: string;
  user: Pick<SessionUser, "id" | "role">;
  ip: string;
  now: string;
}

/** Reserves one attempt of each limit before the look-up; false (nothing to give back) when one is used up. */
async function reserve(db: DB, rules: ThrottleRule[], input: JoinInput): Promise<boolean> {
  const keys = rules.map((r) => (r === JOIN_IP_LIMIT ? input.ip : String(input.user.id)));
  for (let i = 0; i < rules.length; i++) {
    if (!(await consumeThrottle(db, rules[i], keys[i], input.now)).allowed) return false;
  }
  return true;
}

async function release(db: DB, rules: ThrottleRule[], input: JoinInput) {
  for (const r of rules) await releaseThrottle(db, r, r === JOIN_IP_LIMIT ? input.ip : String(input.user.id), input.now);
}

async function findActiveClass(db: DB, rawCode: string) {
  const code = normaliseJoinCode(rawCode);
  return code
    ? db
        .selectFrom("classes")
        .innerJoin("schools", "schools.id", "classes.school_id")
        .innerJoin("users", "users.id", "classes.owner_id")
        .select(["classes.id", "classes.name", "schools.name as schoolName", "users.full_name as teacherName"])
        .where("classes.join_code", "=", code)
        .where("classes.archived_at", "is", null)
        .executeTakeFirst()
    : undefined;
}

/**
 * The class behind a code, if it is active (the GET of a join link: counted in its own budget, see
 * JOIN_VIEW_LIMIT). A wrong code, a switched-off code and an archived class get the same answer.
 */
export async function lookupJoinCode(db: DB, input: JoinInput): Promise<Result<JoinTarget, JoinRefusal>> {
  if (input.user.role !== "student") return refuse("studentsOnly");
  if (!(await reserve(db, [JOIN_VIEW_LIMIT], input))) return refuse("throttled");
  const row = await findActiveClass(db, input.code);
  if (!row) return refuse("invalid");
  return ok({ classId: row.id, className: row.name, schoolName: row.schoolName, teacherName: row.teacherName });
}

/** Joins the class behind the code; joining twice is harmless (`added` is false). */
export async function joinClassWithCode(db: DB, input: JoinInput): Promise<Result<{ classId: number; className: string; added: boolean }, JoinRefusal>> {
  if (input.user.role !== "student") return refuse("studentsOnly");
  // Reserved before the look-up, so parallel guesses cannot pass the limit; a right code gives it back.
  const limits = [JOIN_USER_LIMIT, JOIN_IP_LIMIT];
  if (!(await reserve(db, limits, input))) return refuse("throttled");
  const found = await findActiveClass(db, input.code);
  if (!found) return refuse("invalid");
  await release(db, limits, input);
  const added = await addMember(db, { classId: found.id, studentId: input.user.id, via: "code", now: input.now });
  return ok({ classId: found.id, className: found.name, added });
}
