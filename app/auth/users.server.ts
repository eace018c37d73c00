// Accounts: creation, look-up by email or username, profile, password and role changes.
import type { Locale, Role } from "#db/schema";
import { sql } from "kysely";
import { isUniqueViolation, type DB } from "~/lib/db.server";
import { escapeLike } from "~/lib/text";
import { nowIso } from "~/lib/time";
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
}

export type CreateUserResult = { ok: true; userId: number } | { ok: false; error: "emailTaken" | "usernameTaken" };


export async function createUser(db: DB, input: CreateUserInput): Promise<CreateUserResult> {
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? ""));
  const now = nowIso();
  try {
    const row = await db
      .insertInto("users")
      .values({
        full_name: input.fullName.normalize("NFC"),
        email: input.email ? normaliseEmail(input.email) : null,
        username: input.username ? input.username.trim().toLowerCase() : null,
        password_hash: passwordHash,
        role: input.role,
        locale: input.locale ?? "vi",
        birth_year: input.birthYear ?? null,
        grade: input.grade ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, userId: row.id };
  } catch (e) {
    if (isUniqueViolation(e)) {
      return { ok: false, error: e instanceof Error && e.message.includes("username") ? "usernameTaken" : "emailTaken" };
    }
    throw e;
  }
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

export async function getUserById(db: DB, userId: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "username", "full_name", "role", "locale", "grade", "birth_year", "created_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function updateProfile(db: DB, userId: number, input: { fullName: string; locale: Locale }) {
  await db
    .updateTable("users")
    .set({ full_name: input.fullName, locale: input.locale, updated_at: nowIso() })
    .where("id", "=", userId)
    .execute();
}

export async function setUserLocale(db: DB, userId: number, locale: Locale) {
  await db.updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export async function setPassword(db: DB, userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: nowIso() })
    .where("id", "=", userId)
    .execute();
}

/** Checks the current password first; the caller ends the user's other sessions. */
export async function changePassword(
  db: DB,
  userId: number,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true } | { ok: false; error: "wrongCurrent" }> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    return { ok: false, error: "wrongCurrent" };
  }
  await setPassword(db, userId, input.newPassword);
  return { ok: true };
}

export async function setUserRole(db: DB, userId: number, role: Role): Promise<boolean> {
  const r = await db
    .updateTable("users")
    .set({ role, updated_at: nowIso() })
    .where("id", "=", userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const USERS_PAGE_SIZE = 50;

/** Admin list: optional text filter and role; paginated; sorted by name (users_role_idx serves the role filter). */
export async function listUsers(db: DB, opts: { q?: string; role?: Role; page: number }) {
  let query = db.selectFrom("users");
  if (opts.role) query = query.where("role", "=", opts.role);
  if (opts.q) {
    // Typed % and _ are literal characters, not wildcards.
    const like = `%${escapeLike(opts.q.trim().toLowerCase())}%`;
    query = query.where(sql<boolean>`(lower(full_name) like ${like} escape '\\' or email like ${like} escape '\\' or username like ${like} escape '\\')`);
  }
  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const rows = await query
    .select(["id", "full_name", "email", "username", "role", "created_at"])
    .orderBy("full_name")
    .orderBy("id")
    .limit(USERS_PAGE_SIZE)
    .offset((opts.page - 1) * USERS_PAGE_SIZE)
    .execute();
  return { rows, total: Number(total), pages: Math.max(1, Math.ceil(Number(total) / USERS_PAGE_SIZE)) };
}
