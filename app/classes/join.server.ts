// Joining a class with its code, throttled so that codes cannot be guessed.
import type { DB } from "~/lib/db.server";
import { isLimited, recordEvent, type Limit } from "~/lib/rate-limit.server";
import { normaliseJoinCode } from "./credentials.server";
import { addMember } from "./members.server";

const WINDOW_MS = 15 * 60_000;
/** Failed attempts (wrong or switched-off codes) per student and per address in 15 minutes. */
export const JOIN_USER_LIMIT: Limit = { bucket: "class-join-user", max: 10, windowMs: WINDOW_MS };
export const JOIN_IP_LIMIT: Limit = { bucket: "class-join-ip", max: 30, windowMs: WINDOW_MS };

export type JoinLookup =
  | { ok: true; classId: number; className: string; schoolName: string; teacherName: string }
  | { ok: false; error: "invalid" | "throttled" };

async function throttled(db: DB, userId: number, ip: string): Promise<boolean> {
  return (await isLimited(db, JOIN_USER_LIMIT, String(userId))) || (await isLimited(db, JOIN_IP_LIMIT, ip));
}

async function recordFailure(db: DB, userId: number, ip: string) {
  await recordEvent(db, JOIN_USER_LIMIT, String(userId));
  await recordEvent(db, JOIN_IP_LIMIT, ip);
}

/**
 * The class behind a code, if it is active. A wrong code, a switched-off code and an archived class get the
 * same answer, and each counts as a failed guess (also when only looked at, on /join/:code).
 */
export async function lookupJoinCode(db: DB, input: { code: string; userId: number; ip: string }): Promise<JoinLookup> {
  if (await throttled(db, input.userId, input.ip)) return { ok: false, error: "throttled" };
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
    await recordFailure(db, input.userId, input.ip);
    return { ok: false, error: "invalid" };
  }
  return { ok: true, classId: row.id, className: row.name, schoolName: row.schoolName, teacherName: row.teacherName };
}

export type JoinResult =
  | { ok: true; classId: number; className: string; added: boolean }
  | { ok: false; error: "invalid" | "throttled" };

export async function joinClassWithCode(db: DB, input: { code: string; userId: number; ip: string }): Promise<JoinResult> {
  const found = await lookupJoinCode(db, input);
  if (!found.ok) return found;
  const added = await addMember(db, found.classId, input.userId, "code");
  return { ok: true, classId: found.classId, className: found.className, added };
}
