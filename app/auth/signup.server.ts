// Signing up: a student or a teacher account, a teacher's request to join a school, and the welcome message.
import type { Locale } from "#db/schema";
import { inTransaction, type DB } from "~/lib/db.server";
import { recordAudit } from "~/lib/audit.server";
import { ok, refuse, type Result } from "~/lib/result";
import { consumeThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { notify } from "~/notifications/notifications.server";
import { listApprovedSchools, requestMembership } from "~/schools/schools.server";
import { hashPassword } from "./password.server";
import type { SIGNUP_ROLES } from "./schemas";
import { sendVerificationEmail } from "~/mail/accounts.server";
import { createUser, normaliseEmail, type CreateUserRefusal } from "./users.server";

export type SignupRefusal = CreateUserRefusal | "schoolNotFound" | "throttled";

/**
 * Sign-ups per address in an hour, counted before the password is hashed (each one costs an Argon2 run and a row).
 * Generous enough for a class signing up together behind one school address.
 */
export const SIGNUP_IP_LIMIT: ThrottleRule = { bucket: "signup.address", max: 40, windowMs: 3600_000 };

/**
 * Creates the account and returns its id. A teacher may ask to join an approved school right away (pending until
 * a coordinator or staff approves it); a student's school choice is ignored: students join classes, not schools.
 * Nothing is created when the school is unknown or the email is taken.
 */
export async function signUp(
  db: DB,
  input: {
    fullName: string;
    email: string;
    password: string;
    role: (typeof SIGNUP_ROLES)[number];
    locale: Locale;
    schoolId?: number;
    grade?: number;
    birthYear?: number;
    ip: string;
    now: string;
  },
): Promise<Result<number, SignupRefusal>> {
  if (!(await consumeThrottle(db, SIGNUP_IP_LIMIT, input.ip, input.now)).allowed) return refuse("throttled");
  const joinSchool = input.role === "teacher" ? input.schoolId : undefined;
  if (joinSchool && !(await listApprovedSchools(db)).some((s) => s.id === joinSchool)) return refuse("schoolNotFound");
  // Argon2 is slow CPU work: hashed before the transaction, which holds SQLite's single connection.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const created = await createUser(trx, {
      fullName: input.fullName,
      email: input.email,
      passwordHash,
      role: input.role,
      locale: input.locale,
      // Only a student's grade and birth year are kept (they decide workshop eligibility).
      grade: input.role === "student" ? (input.grade ?? null) : null,
      birthYear: input.role === "student" ? (input.birthYear ?? null) : null,
      now: input.now,
    });
    if (!created.ok) return created;
    const userId = created.value;
    if (joinSchool) await requestMembership(trx, { user: { id: userId, role: input.role }, schoolId: joinSchool, now: input.now });
    await recordAudit(trx, { actor: { userId, ip: input.ip }, action: "auth.signup", subject: { type: "user", id: userId }, details: { role: input.role }, now: input.now });
    await notify(trx, { userId, messageKey: "notifications.welcome", params: { name: input.fullName }, link: "/catalog" });
    await sendVerificationEmail(trx, { userId, email: normaliseEmail(input.email), now: input.now });
    return ok(userId);
  });
}
