// Linking a guardian to a student (issue 16). Linking always starts with the student's or a teacher's act: a
// single-use invitation (only its SHA-256 is stored) sent by e-mail by the student, or printed as a one-time link
// code by a teacher of a class the managed (teacher-created) student belongs to. The guardian follows the link and
// creates a guardian account or uses their existing one. A student has at most two guardians: the link takes
// place 1 or 2 under a unique (student, place) index, so parallel links cannot make a third.
import type { Locale } from "#db/schema";
import type { SessionUser } from "~/auth/roles";
import { createUser, normaliseEmail, type CreateUserRefusal } from "~/auth/users.server";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Refusal, type Result } from "~/lib/result";
import { consumeThrottle } from "~/lib/throttle.server";
import { SIGNUP_IP_LIMIT } from "~/auth/signup.server";
import { queueEmail } from "~/mail/outbox.server";
import { hashToken, newEmailToken } from "~/mail/tokens.server";
import { notify } from "~/notifications/notifications.server";

export const MAX_GUARDIANS = 2;
export const GUARDIAN_INVITATION_TTL_MS = 7 * 24 * 3600_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export type InviteRefusal = "studentsOnly" | "full" | "tooMany";
/** Open invitations a student may have at once (the e-mail goes to any address: no flooding someone's inbox). */
export const MAX_OPEN_INVITATIONS = 5;
export type CodeRefusal = "notFound" | "notManaged" | "full";
export type LinkRefusal = "invalidLink" | "guardiansOnly" | "full" | "already";
export type GuardianSignupRefusal = LinkRefusal | CreateUserRefusal | "throttled";
export type RemoveGuardianRefusal = "notFound";

async function guardianCount(db: DB, studentId: number): Promise<number> {
  const row = await db.selectFrom("guardian_links").select((eb) => eb.fn.countAll<number>().as("n")).where("student_id", "=", studentId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function insertInvitation(trx: DB, input: { studentId: number; invitedBy: number; kind: "email" | "code"; email: string | null; now: string }) {
  const token = newEmailToken();
  const expiresAt = new Date(Date.parse(input.now) + GUARDIAN_INVITATION_TTL_MS).toISOString();
  await trx
    .insertInto("guardian_invitations")
    .values({ student_id: input.studentId, invited_by: input.invitedBy, kind: input.kind, email: input.email, token_hash: hashToken(token), created_at: input.now, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** A student invites a guardian by e-mail: the message carries the single-use link (kept only until delivered). */
export async function inviteGuardianByEmail(
  db: DB,
  input: { student: Pick<SessionUser, "id" | "role" | "fullName" | "locale">; email: string; ip: string; now: string },
): Promise<Result<{ sent: true }, InviteRefusal>> {
  if (input.student.role !== "student") return refuse("studentsOnly");
  const email = normaliseEmail(input.email);
  return inTransaction(db, async (trx) => {
    if ((await guardianCount(trx, input.student.id)) >= MAX_GUARDIANS) return refuse("full");
    const open = await trx
      .selectFrom("guardian_invitations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("student_id", "=", input.student.id)
      .where("used_at", "is", null)
      .where("expires_at", ">", input.now)
      .executeTakeFirstOrThrow();
    if (Number(open.n) >= MAX_OPEN_INVITATIONS) return refuse("tooMany");
    const { token } = await insertInvitation(trx, { studentId: input.student.id, invitedBy: input.student.id, kind: "email", email, now: input.now });
    await queueEmail(trx, {
      template: "guardianInvitation",
      to: { address: email, locale: input.student.locale },
      params: { studentName: input.student.fullName, link: "/guardians/link/{token}" },
      secret: { token },
      now: input.now,
    });
    await recordAudit(trx, { actor: { userId: input.student.id, ip: input.ip }, action: "guardian.invited", subject: { type: "user", id: input.student.id }, details: { kind: "email" }, now: input.now });
    return ok({ sent: true as const });
  });
}

/**
 * A teacher prints a one-time link code for a managed student of their class (the route checked that the teacher
 * may manage the class). The token exists in clear only in this answer.
 */
export async function createGuardianCode(
  db: DB,
  input: { classId: number; studentId: number; actor: Actor & { userId: number }; now: string },
): Promise<Result<{ token: string; studentName: string; expiresAt: string }, CodeRefusal>> {
  return inTransaction(db, async (trx) => {
    const student = await trx
      .selectFrom("class_members as m")
      .innerJoin("users as u", "u.id", "m.student_id")
      .leftJoin("managed_accounts as ma", "ma.student_id", "u.id")
      .select(["u.id", "u.full_name", "ma.student_id as managed"])
      .where("m.class_id", "=", input.classId)
      .where("m.student_id", "=", input.studentId)
      .where("u.role", "=", "student")
      .executeTakeFirst();
    if (!student) return refuse("notFound");
    if (student.managed === null) return refuse("notManaged");
    if ((await guardianCount(trx, student.id)) >= MAX_GUARDIANS) return refuse("full");
    const { token, expiresAt } = await insertInvitation(trx, { studentId: student.id, invitedBy: input.actor.userId, kind: "code", email: null, now: input.now });
    await recordAudit(trx, { actor: input.actor, action: "guardian.invited", subject: { type: "user", id: student.id }, details: { kind: "code", classId: input.classId }, now: input.now });
    return ok({ token, studentName: student.full_name, expiresAt });
  });
}

/** What the link page shows: the student's name while the link works, else null (used, expired, unknown). */
export async function describeInvitation(db: DB, input: { token: string; now: string }): Promise<{ studentName: string } | null> {
  if (!TOKEN_SHAPE.test(input.token)) return null;
  const row = await db
    .selectFrom("guardian_invitations as i")
    .innerJoin("users as u", "u.id", "i.student_id")
    .select(["u.full_name"])
    .where("i.token_hash", "=", hashToken(input.token))
    .where("i.used_at", "is", null)
    .where("i.expires_at", ">", input.now)
    .executeTakeFirst();
  return row ? { studentName: row.full_name } : null;
}

/** Thrown to undo a link whose token another request used first. */
class Rollback extends Error {
  constructor(readonly refusal: Refusal<LinkRefusal>) {
    super("rollback");
  }
}

async function linkInTransaction(trx: DB, input: { token: string; guardianId: number; ip: string; now: string }): Promise<Result<{ studentId: number }, LinkRefusal>> {
  if (!TOKEN_SHAPE.test(input.token)) return refuse("invalidLink");
  const inv = await trx
    .selectFrom("guardian_invitations")
    .select(["id", "student_id", "invited_by"])
    .where("token_hash", "=", hashToken(input.token))
    .where("used_at", "is", null)
    .where("expires_at", ">", input.now)
    .executeTakeFirst();
  if (!inv) return refuse("invalidLink");
  const existing = await trx.selectFrom("guardian_links").select("id").where("student_id", "=", inv.student_id).where("guardian_id", "=", input.guardianId).executeTakeFirst();
  if (existing) return refuse("already");
  let linked = false;
  for (const place of [1, 2]) {
    const r = await trx
      .insertInto("guardian_links")
      .values({ student_id: inv.student_id, guardian_id: input.guardianId, place, invited_by: inv.invited_by, created_at: input.now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) {
      linked = true;
      break;
    }
  }
  if (!linked) return refuse("full");
  // Single use: one conditional update; a second request with the same token finds it used and rolls back.
  const used = await trx
    .updateTable("guardian_invitations")
    .set({ used_at: input.now, used_by: input.guardianId })
    .where("id", "=", inv.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new Rollback(refuse("invalidLink"));
  await recordAudit(trx, { actor: { userId: input.guardianId, ip: input.ip }, action: "guardian.linked", subject: { type: "user", id: inv.student_id }, details: { guardianId: input.guardianId }, now: input.now });
  await notify(trx, { userId: inv.student_id, messageKey: "notifications.guardianLinked", params: {}, link: "/account/guardians" });
  // And by e-mail in the student's language when they have an address (none for most teacher-created accounts).
  const guardian = await trx.selectFrom("users").select(["full_name", "email"]).where("id", "=", input.guardianId).executeTakeFirstOrThrow();
  await queueEmail(trx, {
    template: "guardianLinked",
    userId: inv.student_id,
    params: { guardianName: guardian.full_name, guardianEmail: guardian.email ?? "", link: "/account/guardians" },
    now: input.now,
  });
  return ok({ studentId: inv.student_id });
}

async function withRollback<T, R extends string>(db: DB, fn: () => Promise<Result<T, R>>): Promise<Result<T, R | LinkRefusal>> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Rollback && !db.isTransaction) return e.refusal;
    throw e;
  }
}

/** A signed-in guardian follows the link. Other roles cannot become guardians (a student or teacher account). */
export async function acceptGuardianInvitation(
  db: DB,
  input: { token: string; user: Pick<SessionUser, "id" | "role">; ip: string; now: string },
): Promise<Result<{ studentId: number }, LinkRefusal>> {
  if (input.user.role !== "guardian") return refuse("guardiansOnly");
  return withRollback(db, () => inTransaction(db, (trx) => linkInTransaction(trx, { token: input.token, guardianId: input.user.id, ip: input.ip, now: input.now })));
}

/**
 * A new guardian account, created only through a working invitation link, and linked in the same transaction
 * (nothing is created when the link is dead or the student already has two guardians).
 */
export async function signUpGuardian(
  db: DB,
  input: { token: string; fullName: string; email: string; passwordHash: string; locale: Locale; ip: string; now: string },
): Promise<Result<{ userId: number; studentId: number }, GuardianSignupRefusal>> {
  if (!(await describeInvitation(db, { token: input.token, now: input.now }))) return refuse("invalidLink");
  if (!(await consumeThrottle(db, SIGNUP_IP_LIMIT, input.ip, input.now)).allowed) return refuse("throttled");
  return withRollback(db, () =>
    inTransaction(db, async (trx): Promise<Result<{ userId: number; studentId: number }, GuardianSignupRefusal>> => {
      const created = await createUser(trx, { fullName: input.fullName, email: input.email, passwordHash: input.passwordHash, role: "guardian", locale: input.locale, now: input.now });
      if (!created.ok) return created;
      await recordAudit(trx, { actor: { userId: created.value, ip: input.ip }, action: "auth.signup", subject: { type: "user", id: created.value }, details: { role: "guardian" }, now: input.now });
      const linked = await linkInTransaction(trx, { token: input.token, guardianId: created.value, ip: input.ip, now: input.now });
      // Undo the account: a guardian account exists only linked to a child.
      if (!linked.ok) throw new Rollback(linked);
      return ok({ userId: created.value, studentId: linked.value.studentId });
    }),
  );
}

/** The student removes one of their guardians (their own links only). */
export async function removeGuardian(
  db: DB,
  input: { student: Pick<SessionUser, "id">; guardianId: number; ip: string; now: string },
): Promise<Result<undefined, RemoveGuardianRefusal>> {
  return inTransaction(db, async (trx) => {
    const r = await trx.deleteFrom("guardian_links").where("student_id", "=", input.student.id).where("guardian_id", "=", input.guardianId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return refuse("notFound");
    await recordAudit(trx, { actor: { userId: input.student.id, ip: input.ip }, action: "guardian.removed", subject: { type: "user", id: input.student.id }, details: { guardianId: input.guardianId }, now: input.now });
    return ok();
  });
}

/** A student's guardians and the e-mail invitations still open. */
export async function loadStudentGuardians(db: DB, input: { studentId: number; now: string }) {
  const [guardians, pending] = await Promise.all([
    db
      .selectFrom("guardian_links as l")
      .innerJoin("users as g", "g.id", "l.guardian_id")
      .select(["g.id", "g.full_name as fullName", "g.email", "l.created_at as linkedAt"])
      .where("l.student_id", "=", input.studentId)
      .orderBy("l.place")
      .execute(),
    db
      .selectFrom("guardian_invitations")
      .select(["id", "email", "kind", "created_at as createdAt", "expires_at as expiresAt"])
      .where("student_id", "=", input.studentId)
      .where("used_at", "is", null)
      .where("expires_at", ">", input.now)
      .orderBy("created_at", "desc")
      .limit(10)
      .execute(),
  ]);
  return { guardians, pending, canInvite: guardians.length < MAX_GUARDIANS };
}

/** The children a guardian is linked to, by name. */
export async function childrenOf(db: DB, guardianId: number) {
  return db
    .selectFrom("guardian_links as l")
    .innerJoin("users as s", "s.id", "l.student_id")
    .select(["s.id", "s.full_name as fullName", "s.birth_year as birthYear", "s.name_key"])
    .where("l.guardian_id", "=", guardianId)
    .orderBy("s.name_key")
    .execute();
}

/** Whether this guardian is linked to this student (every guardian read or write about a child starts here). */
export async function isGuardianOf(db: DB, guardianId: number, studentId: number): Promise<boolean> {
  const row = await db.selectFrom("guardian_links").select("id").where("guardian_id", "=", guardianId).where("student_id", "=", studentId).executeTakeFirst();
  return !!row;
}

/** Managed students of a class (a teacher prints link codes for them). */
export async function managedStudentsOfClass(db: DB, classId: number) {
  return db
    .selectFrom("class_members as m")
    .innerJoin("users as u", "u.id", "m.student_id")
    .innerJoin("managed_accounts as ma", "ma.student_id", "u.id")
    .select(["u.id", "u.full_name as fullName", "u.username"])
    .where("m.class_id", "=", classId)
    .where("u.role", "=", "student")
    .orderBy("u.name_key")
    .limit(500)
    .execute();
}
