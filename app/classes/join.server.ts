// Joining a class with its code, throttled so that codes cannot be guessed.
import type { SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { isLimited, recordEvent, type Limit } from "~/lib/rate-limit.server";
import { ok, refuse, type Result } from "~/lib/result";
import { normaliseJoinCode } from "./credentials.server";
import { addMember } from "./members.server";

const WINDOW_MS = 15 * 60_000;
/** Failed attempts (wrong or switched-off codes) per student and per address in 15 minutes. */
export const JOIN_USER_LIMIT: Limit = { bucket: "class-join-user", max: 10, windowMs: WINDOW_MS };
export const JOIN_IP_LIMIT: Limit = { bucket: "class-join-ip", max: 30, windowMs: WINDOW_MS };

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

async function throttled(db: DB, input: JoinInput): Promise<boolean> {
  const at = Date.parse(input.now);
  return (await isLimited(db, JOIN_USER_LIMIT, String(input.user.id), at)) || (await isLimited(db, JOIN_IP_LIMIT, input.ip, at));
}

async function recordFailure(db: DB, input: JoinInput) {
  const at = Date.parse(input.now);
  await recordEvent(db, JOIN_USER_LIMIT, String(input.user.id), at);
  await recordEvent(db, JOIN_IP_LIMIT, input.ip, at);
}

/**
 * The class behind a code, if it is active. A wrong code, a switched-off code and an archived class get the
 * same answer, and each counts as a failed guess (also when only looked at, on /join/:code).
 */
export async function lookupJoinCode(db: DB, input: JoinInput): Promise<Result<JoinTarget, JoinRefusal>> {
  if (input.user.role !== "student") return refuse("studentsOnly");
  if (await throttled(db, input)) return refuse("throttled");
  const code = normaliseJoinCode(input.code);
  const row = code
    ? await db
        .selectFrom("classes")
        .innerJoin("schools", "schools.id", "classes.school_id")
        .innerJoin("users", "users.id", "classes.owner_id")
        .select(["classes.id", "classes.name", "schools.name as schoolName", "users.full_name as teacherName"])
        .where("classes.join_code", "=", code)
        .where("classes.archived_at", "is", null)
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await recordFailure(db, input);
    return refuse("invalid");
  }
  return ok({ classId: row.id, className: row.name, schoolName: row.schoolName, teacherName: row.teacherName });
}

/** Joins the class behind the code; joining twice is harmless (`added` is false). */
export async function joinClassWithCode(db: DB, input: JoinInput): Promise<Result<{ classId: number; className: string; added: boolean }, JoinRefusal>> {
  const found = await lookupJoinCode(db, input);
  if (!found.ok) return found;
  const added = await addMember(db, { classId: found.value.classId, studentId: input.user.id, via: "code", now: input.now });
  return ok({ classId: found.value.classId, className: found.value.className, added });
}
