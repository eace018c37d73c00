// Account mail: verifying an address and resetting a forgotten password. Every answer that could tell whether an
// address has an account is the same for both; requests are throttled per address and per client address.
import type { Actor } from "~/lib/audit.server";
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { consumeThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { rotateFeedTokenIfAny } from "~/workshops/schedule.server";
import { queueEmail } from "./outbox.server";
import { consumeEmailToken, findUnsubscribeToken, issueEmailToken, RESET_TOKEN_TTL_MS, VERIFY_TOKEN_TTL_MS } from "./tokens.server";

export const RESET_PER_ADDRESS: ThrottleRule = { bucket: "reset-address", max: 3, windowMs: 60 * 60_000 };
export const RESET_PER_IP: ThrottleRule = { bucket: "reset-ip", max: 10, windowMs: 15 * 60_000 };
export const VERIFY_RESEND: ThrottleRule = { bucket: "verify-resend", max: 3, windowMs: 60 * 60_000 };

/** Queues the verification link for the account's current address (in the caller's transaction). */
export async function sendVerificationEmail(trx: DB, input: { userId: number; email: string; now: string }): Promise<void> {
  const token = await issueEmailToken(trx, { userId: input.userId, email: input.email, purpose: "verify", ttlMs: VERIFY_TOKEN_TTL_MS, now: input.now });
  await queueEmail(trx, {
    template: "verifyEmail",
    userId: input.userId,
    params: { email: input.email, link: "/verify-email/{token}" },
    secret: { token },
    now: input.now,
  });
}

export type ResendRefusal = "throttled" | "alreadyVerified" | "noEmail";

export async function resendVerification(db: DB, input: { userId: number; now: string }): Promise<Result<undefined, ResendRefusal>> {
  const user = await db.selectFrom("users").select(["email", "email_verified_at"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user?.email) return refuse("noEmail");
  if (user.email_verified_at) return refuse("alreadyVerified");
  if (!(await consumeThrottle(db, VERIFY_RESEND, String(input.userId), input.now)).allowed) return refuse("throttled");
  const email = user.email;
  await inTransaction(db, (trx) => sendVerificationEmail(trx, { userId: input.userId, email, now: input.now }));
  return ok();
}

export type TokenRefusal = "invalid";

/** The link's token confirms the address it was sent to, if the account still has that address. */
export async function verifyEmailAddress(db: DB, input: { token: string; actor: Actor; now: string }): Promise<Result<number, TokenRefusal>> {
  return inTransaction<Result<number, TokenRefusal>>(db, async (trx) => {
    const used = await consumeEmailToken(trx, { token: input.token, purpose: "verify", now: input.now });
    if (!used) return refuse("invalid");
    const updated = await trx
      .updateTable("users")
      .set({ email_verified_at: input.now, updated_at: input.now })
      .where("id", "=", used.userId)
      .where("email", "=", used.email)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return refuse("invalid");
    await recordAudit(trx, { actor: { ...input.actor, userId: input.actor.userId ?? used.userId }, action: "auth.emailVerified", subject: { type: "user", id: used.userId }, now: input.now });
    return ok(used.userId);
  });
}

export type ResetRequestRefusal = "throttled";

/**
 * "Forgot password": the same answer whether or not the address has an account (the caller says "if it exists,
 * a message is on its way"). Throttled per address and per client address before anything is looked up.
 */
export async function requestPasswordReset(
  db: DB,
  input: { email: string; actor: Actor; now: string },
): Promise<Result<undefined, ResetRequestRefusal>> {
  const email = input.email.trim().toLowerCase();
  const perIp = await consumeThrottle(db, RESET_PER_IP, input.actor.ip, input.now);
  const perAddress = await consumeThrottle(db, RESET_PER_ADDRESS, email, input.now);
  if (!perIp.allowed || !perAddress.allowed) return refuse("throttled");
  const user = await db.selectFrom("users").select(["id", "email"]).where("email", "=", email).executeTakeFirst();
  if (!user?.email) return ok();
  const userEmail = user.email;
  await inTransaction(db, async (trx) => {
    const token = await issueEmailToken(trx, { userId: user.id, email: userEmail, purpose: "reset", ttlMs: RESET_TOKEN_TTL_MS, now: input.now });
    await queueEmail(trx, { template: "passwordReset", userId: user.id, params: { link: "/reset-password/{token}" }, secret: { token }, now: input.now });
    await recordAudit(trx, { actor: input.actor, action: "auth.passwordResetRequested", subject: { type: "user", id: user.id }, now: input.now });
  });
  return ok();
}

/**
 * Sets the new password if the token is good (once, within the hour): every session of the account ends (the
 * caller starts a fresh one), the address counts as verified (the link reached it), the account is told.
 * `passwordHash` is computed by the caller before: Argon2 never runs inside the transaction.
 */
export async function resetPassword(
  db: DB,
  input: { token: string; passwordHash: string; actor: Actor; now: string },
): Promise<Result<number, TokenRefusal>> {
  return inTransaction<Result<number, TokenRefusal>>(db, async (trx) => {
    const used = await consumeEmailToken(trx, { token: input.token, purpose: "reset", now: input.now });
    if (!used) return refuse("invalid");
    const user = await trx.selectFrom("users").select(["email", "email_verified_at"]).where("id", "=", used.userId).executeTakeFirst();
    if (!user || user.email !== used.email) return refuse("invalid");
    await trx
      .updateTable("users")
      .set({ password_hash: input.passwordHash, updated_at: input.now, email_verified_at: user.email_verified_at ?? input.now })
      .where("id", "=", used.userId)
      .execute();
    await trx.deleteFrom("user_sessions").where("user_id", "=", used.userId).execute();
    // A leaked calendar feed link dies with the old password, as on a password change.
    await rotateFeedTokenIfAny(trx, used.userId, input.now);
    await recordAudit(trx, { actor: { ...input.actor, userId: used.userId }, action: "auth.passwordReset", subject: { type: "user", id: used.userId }, now: input.now });
    await queueEmail(trx, { template: "passwordChanged", userId: used.userId, params: { at: input.now }, now: input.now });
    return ok(used.userId);
  });
}

/**
 * Mail preferences: optional mail (confirmations, reminders) on or off, and for staff/admin the daily digest
 * (`digest` is ignored for other roles: they never receive it).
 */
export async function setMailPreferences(db: DB, input: { userId: number; optional: boolean; digest?: boolean; now: string }): Promise<void> {
  await db
    .updateTable("users")
    .set({ mail_optional: input.optional ? 1 : 0, updated_at: input.now })
    .where("id", "=", input.userId)
    .execute();
  if (input.digest !== undefined) {
    await db
      .updateTable("users")
      .set({ mail_digest: input.digest ? 1 : 0 })
      .where("id", "=", input.userId)
      .where("role", "in", ["staff", "admin"])
      .execute();
  }
}

export async function getMailSettings(db: DB, userId: number) {
  const row = await db
    .selectFrom("users")
    .select(["email", "email_verified_at", "mail_optional", "mail_digest", "role"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    email: row.email,
    verified: row.email_verified_at !== null,
    optional: row.mail_optional === 1,
    /** null: not offered (only staff and admin receive the digest). */
    digest: row.role === "staff" || row.role === "admin" ? row.mail_digest === 1 : null,
  };
}

/**
 * One-click unsubscribe (the link in optional mail, and RFC 8058's POST): optional mail off for that account, or
 * only the daily digest when the link came from a digest (`list=digest`).
 */
export async function unsubscribe(db: DB, input: { token: string; list?: "digest"; now: string }): Promise<Result<undefined, TokenRefusal>> {
  const userId = await findUnsubscribeToken(db, input);
  if (userId === null) return refuse("invalid");
  if (input.list === "digest") await db.updateTable("users").set({ mail_digest: 0, updated_at: input.now }).where("id", "=", userId).execute();
  else await db.updateTable("users").set({ mail_optional: 0, updated_at: input.now }).where("id", "=", userId).execute();
  return ok();
}
