// Accounts: creation, look-up by email or username, profile, password and role changes.
import type { Locale, Role } from "#db/schema";
import { sql } from "kysely";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { vietnameseNameKey } from "~/lib/collation";
import { inTransaction, type DB } from "~/lib/db.server";
import { byCodePoint } from "~/lib/dialect.server";
import { nearerEnd } from "~/lib/paging";
import { queueEmail } from "~/mail/outbox.server";
import { ok, refuse, type Result } from "~/lib/result";
import { escapeLike } from "~/lib/text";
import { consumeThrottle, releaseThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { rotateFeedTokenIfAny } from "~/workshops/schedule.server";
import { notify } from "~/notifications/notifications.server";
import { hashPassword, verifyPassword } from "./password.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface CreateUserInput {
  fullName: string;
  email?: string | null;
  username?: string | null;
  password?: string;
  /** Pre-computed hash (seed, bulk creation): saves an Argon2 run per account. */
  passwordHash?: string;
  role: Role;
  locale?: Locale;
  birthYear?: number | null;
  grade?: number | null;
  now: string;
}

export type CreateUserRefusal = "emailTaken" | "usernameTaken";

/**
 * The new user's id, or a refusal when the email or username is taken (the unique indexes decide: "on conflict do
 * nothing" never raises, so this also works inside a caller's transaction on PostgreSQL).
 */
export async function createUser(db: DB, input: CreateUserInput): Promise<Result<number, CreateUserRefusal>> {
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? ""));
  const email = input.email ? normaliseEmail(input.email) : null;
  const username = input.username ? input.username.trim().toLowerCase() : null;
  const row = await db
    .insertInto("users")
    .values({
      full_name: input.fullName.normalize("NFC"),
      name_key: vietnameseNameKey(input.fullName.normalize("NFC")),
      email,
      username,
      password_hash: passwordHash,
      role: input.role,
      locale: input.locale ?? "vi",
      birth_year: input.birthYear ?? null,
      grade: input.grade ?? null,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (row) return ok(row.id);
  const emailTaken = email !== null && (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()) !== undefined;
  return refuse(emailTaken || username === null ? "emailTaken" : "usernameTaken");
}

/** An identifier with "@" is an email; otherwise a username (class accounts have no email). */
export async function findUserByLogin(db: DB, identifier: string) {
  const id = identifier.trim().toLowerCase();
  return db
    .selectFrom("users")
    .select(["id", "password_hash", "full_name", "role", "locale"])
    .where(id.includes("@") ? "email" : "username", "=", id)
    .executeTakeFirst();
}

export interface AccountView {
  id: number;
  email: string | null;
  username: string | null;
  fullName: string;
  role: Role;
  locale: Locale;
  grade: number | null;
  birthYear: number | null;
  createdAt: string;
}

/** One account as pages show it (the account page, the admin's role change), or null. */
export async function getAccount(db: DB, userId: number): Promise<AccountView | null> {
  const row = await db
    .selectFrom("users")
    .select([
      "id",
      "email",
      "username",
      "full_name as fullName",
      "role",
      "locale",
      "grade",
      "birth_year as birthYear",
      "created_at as createdAt",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  return row ?? null;
}

/** Name and language; a student's grade and birth year when given (`null` clears them, `undefined` keeps them). */
export async function updateProfile(
  db: DB,
  userId: number,
  input: { fullName: string; locale: Locale; grade?: number | null; birthYear?: number | null; now: string },
) {
  await db
    .updateTable("users")
    .set({
      full_name: input.fullName,
      name_key: vietnameseNameKey(input.fullName),
      locale: input.locale,
      ...(input.grade !== undefined ? { grade: input.grade } : {}),
      ...(input.birthYear !== undefined ? { birth_year: input.birthYear } : {}),
      updated_at: input.now,
    })
    .where("id", "=", userId)
    .execute();
}

export async function setUserLocale(db: DB, userId: number, input: { locale: Locale; now: string }) {
  await db.updateTable("users").set({ locale: input.locale, updated_at: input.now }).where("id", "=", userId).execute();
}

/**
 * Stores a new password. Whatever the path (own change, reset), the private calendar feed address is rotated too:
 * someone who knew the old password may have copied it.
 */
export async function setPassword(db: DB, userId: number, input: { password: string; now: string }) {
  const passwordHash = await hashPassword(input.password);
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: input.now })
    .where("id", "=", userId)
    .execute();
  await rotateFeedTokenIfAny(db, userId, input.now);
}

export type PasswordChangeRefusal = "wrongCurrent" | "throttled";

/** Wrong current passwords per account in 15 minutes (a stolen session must not become a password oracle). */
export const PASSWORD_CHANGE_LIMIT: ThrottleRule = { bucket: "password-change.user", max: 5, windowMs: 15 * 60_000 };

/** Checks the current password first (throttled, reserved before the check); the caller ends the user's other sessions. */
export async function changePassword(
  db: DB,
  userId: number,
  input: { currentPassword: string; newPassword: string; ip: string; now: string },
): Promise<Result<undefined, PasswordChangeRefusal>> {
  const key = String(userId);
  if (!(await consumeThrottle(db, PASSWORD_CHANGE_LIMIT, key, input.now)).allowed) return refuse("throttled");
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  const actor: Actor = { userId, ip: input.ip };
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    await recordAudit(db, { actor, action: "auth.loginFailed", subject: { type: "user", id: userId }, details: { step: "passwordChange" }, now: input.now });
    return refuse("wrongCurrent");
  }
  await releaseThrottle(db, PASSWORD_CHANGE_LIMIT, key, input.now);
  await setPassword(db, userId, { password: input.newPassword, now: input.now });
  await inTransaction(db, async (trx) => {
    await recordAudit(trx, { actor, action: "auth.passwordChanged", subject: { type: "user", id: userId }, now: input.now });
    // The security notice goes to the account's address (never switched off).
    await queueEmail(trx, { template: "passwordChanged", userId, params: { at: input.now }, now: input.now });
  });
  return ok();
}

export type RoleChangeRefusal = "cannotDemoteSelf";

/**
 * An administrator gives a user another role, and the user is told. An administrator never demotes themself:
 * the last safeguard against locking every administrator out.
 */
export async function changeUserRole(
  db: DB,
  input: { adminId: number; userId: number; role: Role; ip: string; now: string },
): Promise<Result<undefined, RoleChangeRefusal>> {
  if (input.userId === input.adminId && input.role !== "admin") return refuse("cannotDemoteSelf");
  const before = await db.selectFrom("users").select("role").where("id", "=", input.userId).executeTakeFirst();
  await recordAudit(db, {
    actor: { userId: input.adminId, ip: input.ip },
    action: "user.roleChanged",
    subject: { type: "user", id: input.userId },
    details: { from: before?.role ?? null, to: input.role },
    now: input.now,
  });
  await db.updateTable("users").set({ role: input.role, updated_at: input.now }).where("id", "=", input.userId).execute();
  await notify(db, { userId: input.userId, messageKey: "notifications.roleChanged", params: { role: `role.${input.role}` } });
  return ok();
}

export const USERS_PAGE_SIZE = 50;

export interface UserRowView {
  id: number;
  fullName: string;
  email: string | null;
  username: string | null;
  role: Role;
  createdAt: string;
}

/**
 * Admin list: optional text filter and role; paginated; in the Vietnamese order of names (the name key, as every
 * list of people). A page's ids are picked from the name index (users_name_order_idx, or users_role_name_idx by
 * role: migration 0029), from the nearer end of the order (~/lib/paging), and only they are read whole: a deep
 * page costs a walk over index entries, not a row per skipped user.
 */
export async function listUsers(db: DB, opts: { q?: string; role?: Role; page: number }): Promise<{ rows: UserRowView[]; total: number; pages: number }> {
  let query = db.selectFrom("users as u");
  if (opts.role) query = query.where("u.role", "=", opts.role);
  if (opts.q) {
    // Typed % and _ are literal characters, not wildcards.
    const like = `%${escapeLike(opts.q.trim().toLowerCase())}%`;
    query = query.where(sql<boolean>`(lower(u.full_name) like ${like} escape '\\' or u.email like ${like} escape '\\' or u.username like ${like} escape '\\')`);
  }
  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const byName = byCodePoint(db, sql.ref("u.name_key"));
  const window = nearerEnd({ offset: (opts.page - 1) * USERS_PAGE_SIZE, limit: USERS_PAGE_SIZE }, Number(total));
  const dir = window.fromEnd ? "desc" : "asc";
  const page = query.select("u.id").orderBy(byName, dir).orderBy("u.id", dir).limit(window.limit).offset(window.offset);
  const rows = await db
    .selectFrom(page.as("pg"))
    .crossJoin("users as u")
    .whereRef("u.id", "=", "pg.id")
    .select(["u.id", "u.full_name as fullName", "u.email", "u.username", "u.role", "u.created_at as createdAt"])
    .orderBy(byName)
    .orderBy("u.id")
    .execute();
  return { rows, total: Number(total), pages: Math.max(1, Math.ceil(Number(total) / USERS_PAGE_SIZE)) };
}

/**
 * Users saved before names had a sort key (migration 0012) get one; run at every start (prepareDatabase), a no-op
 * once every row has its key. Returns how many were filled.
 */
export async function fillMissingNameKeys(db: DB): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.selectFrom("users").select(["id", "full_name"]).where("name_key", "=", "").orderBy("id").limit(500).execute();
    if (rows.length === 0) return filled;
    await inTransaction(db, async (trx) => {
      for (const r of rows) await trx.updateTable("users").set({ name_key: vietnameseNameKey(r.full_name) }).where("id", "=", r.id).execute();
    });
    filled += rows.length;
  }
}
