// Two-factor sign-in (ASVS 6.3.3, 6.5): a TOTP authenticator app (RFC 6238 through @epic-web/totp: 6 digits,
// 30 s, SHA-1, the settings every app reads from a QR code), ten recovery codes shown once and stored hashed, and
// the short-lived challenge between a right password and the code. Required for staff and admin after a grace
// period (TWO_FACTOR_GRACE_DAYS from their first sign-in without it); optional for everyone else.
import { createHash, randomBytes } from "node:crypto";
import { getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import type { Role } from "#db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { openSecret, sealSecret } from "~/lib/secret-box.server";
import { consumeThrottle, releaseThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { verifyPassword } from "./password.server";

export const TOTP = { period: 30, digits: 6, algorithm: "SHA-1" } as const;
export const ISSUER = "STEM Hub";
export const TWO_FACTOR_GRACE_DAYS = 7;
/** The roles that must use a second factor once their grace period is over. */
export const TWO_FACTOR_REQUIRED_ROLES: readonly Role[] = ["staff", "admin"];
/** How long the half-signed-in state lasts between the password and the code. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes per account in 15 minutes (at the sign-in step and when confirming enrolment), reserved first. */
export const TWO_FACTOR_LIMIT: ThrottleRule = { bucket: "two-factor.user", max: 5, windowMs: 15 * 60_000 };
/** Wrong passwords when switching two-factor sign-in off. */
export const TWO_FACTOR_DISABLE_LIMIT: ThrottleRule = { bucket: "two-factor-disable.user", max: 5, windowMs: 15 * 60_000 };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** A 160-bit secret (RFC 4226's recommended length), base32 as authenticator apps expect. */
function newSecret(): string {
  return base32(randomBytes(20));
}

/** The stored secret is sealed for its own row (app/lib/secret-box.server.ts): a value moved to another user does not open. */
const secretContext = (userId: number) => `two_factor:${userId}`;

/**
 * The plain secret of a stored value. A legacy plain-text value (stored before secrets were encrypted) is sealed
 * on this read, by a conditional update on the value read, so concurrent readers agree and nothing is lost.
 */
async function readSecret(db: DB, userId: number, stored: string | null): Promise<{ plain: string; stored: string } | null> {
  if (!stored) return null;
  const opened = openSecret(stored, secretContext(userId));
  if (!opened) return null;
  if (!opened.legacy) return { plain: opened.plain, stored };
  const sealed = sealSecret(opened.plain, secretContext(userId));
  const r = await db.updateTable("two_factor").set({ secret: sealed }).where("user_id", "=", userId).where("secret", "=", stored).executeTakeFirst();
  // Someone else changed the row meanwhile: the value read is no longer the stored one (a conditional update on it finds nothing).
  return { plain: opened.plain, stored: Number(r.numUpdatedRows) === 1 ? sealed : stored };
}

/** 120 random bits (above ASVS 6.5.2's 112, so a plain SHA-256 is a sufficient hash), as 6 groups of 4. */
function newRecoveryCode(): string {
  return base32(randomBytes(15)).match(/.{4}/g)!.join("-");
}

/** Typed codes: any case, spaces or dashes. */
function normaliseRecoveryCode(code: string): string {
  const c = code.toUpperCase().replace(/[^A-Z2-7]/g, "");
  return c.length === 24 ? c.match(/.{4}/g)!.join("-") : "";
}

export interface TwoFactorStatus {
  enabled: boolean;
  /** Shown while enrolling: the secret and the otpauth:// address (for the QR code). */
  pending: { secret: string; uri: string } | null;
  required: boolean;
  graceEndsAt: string | null;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: DB, user: { id: number; role: Role; label: string }): Promise<TwoFactorStatus> {
  const row = await db.selectFrom("two_factor").selectAll().where("user_id", "=", user.id).executeTakeFirst();
  const left = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  const enabled = !!row?.enabled_at && !!row.secret;
  const pendingSecret = row?.secret && !row.enabled_at ? (await readSecret(db, user.id, row.secret))?.plain : null;
  return {
    enabled,
    pending: pendingSecret ? { secret: pendingSecret, uri: authUri(pendingSecret, user.label) } : null,
    required: TWO_FACTOR_REQUIRED_ROLES.includes(user.role),
    graceEndsAt: row?.grace_ends_at ?? null,
    recoveryCodesLeft: enabled ? Number(left.n) : 0,
  };
}

function authUri(secret: string, accountName: string): string {
  return getTOTPAuthUri({ ...TOTP, secret, accountName, issuer: ISSUER });
}

export async function isTwoFactorEnabled(db: DB, userId: number): Promise<boolean> {
  const row = await db.selectFrom("two_factor").select(["enabled_at", "secret"]).where("user_id", "=", userId).executeTakeFirst();
  return !!row?.enabled_at && !!row.secret;
}

/**
 * For staff and admin without a second factor: "grace" while the grace period runs (it starts at the first
 * sign-in that finds none), "enrol" once it is over (the guards send them to /account/two-factor).
 */
export async function twoFactorRequirement(
  db: DB,
  user: { id: number; role: Role },
  now: string,
  /** Sign-in starts the grace period; the per-request guard only reads (one query, never a write). */
  opts: { startGrace: boolean } = { startGrace: true },
): Promise<"none" | "grace" | "enrol"> {
  if (!TWO_FACTOR_REQUIRED_ROLES.includes(user.role)) return "none";
  const row = await db.selectFrom("two_factor").select(["enabled_at", "secret", "grace_ends_at"]).where("user_id", "=", user.id).executeTakeFirst();
  if (row?.enabled_at && row.secret) return "none";
  if (!row?.grace_ends_at && !opts.startGrace) return "grace";
  if (!row?.grace_ends_at) {
    const ends = new Date(Date.parse(now) + TWO_FACTOR_GRACE_DAYS * 86_400_000).toISOString();
    await db
      .insertInto("two_factor")
      .values({ user_id: user.id, secret: null, enabled_at: null, last_step: null, grace_ends_at: ends, updated_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ grace_ends_at: ends, updated_at: now }))
      .execute();
    return "grace";
  }
  return row.grace_ends_at > now ? "grace" : "enrol";
}

export type EnrolRefusal = "alreadyEnabled";

/** Starts (or restarts) enrolment: a new secret, not active until a code from it is confirmed. */
export async function startEnrolment(db: DB, input: { userId: number; now: string }): Promise<Result<undefined, EnrolRefusal>> {
  if (await isTwoFactorEnabled(db, input.userId)) return refuse("alreadyEnabled");
  const secret = sealSecret(newSecret(), secretContext(input.userId));
  await db
    .insertInto("two_factor")
    .values({ user_id: input.userId, secret, enabled_at: null, last_step: null, grace_ends_at: null, updated_at: input.now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret, enabled_at: null, last_step: null, updated_at: input.now }))
    .execute();
  return ok();
}

export type CodeRefusal = "wrongCode" | "throttled" | "notEnrolling";

/** The time step a code was made for, if it matches the secret within ±1 step (clock drift). */
async function matchingStep(secret: string, code: string, nowMs: number): Promise<number | null> {
  const otp = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(otp)) return null;
  const r = await verifyTOTP({ otp, secret, ...TOTP, window: 1 });
  if (!r) return null;
  return Math.floor(nowMs / 1000 / TOTP.period) + r.delta;
}

async function reserveCodeAttempt(db: DB, userId: number, now: string) {
  return (await consumeThrottle(db, TWO_FACTOR_LIMIT, String(userId), now)).allowed;
}

/** Confirms enrolment with a code from the app; returns the recovery codes, shown this once. */
export async function confirmEnrolment(
  db: DB,
  input: { userId: number; code: string; actor: Actor; now: string },
): Promise<Result<string[], CodeRefusal>> {
  const row = await db.selectFrom("two_factor").select(["secret", "enabled_at"]).where("user_id", "=", input.userId).executeTakeFirst();
  if (!row?.secret || row.enabled_at) return refuse("notEnrolling");
  if (!(await reserveCodeAttempt(db, input.userId, input.now))) return refuse("throttled");
  const read = await readSecret(db, input.userId, row.secret);
  if (!read) return refuse("notEnrolling");
  const step = await matchingStep(read.plain, input.code, Date.parse(input.now));
  if (step === null) return refuse("wrongCode");
  await releaseThrottle(db, TWO_FACTOR_LIMIT, String(input.userId), input.now);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  // The value as stored (sealed by readSecret if it was legacy plain text): enrolment confirms that secret only.
  const secret = read.stored;
  const enabled = await inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable("two_factor")
      .set({ enabled_at: input.now, last_step: step, grace_ends_at: null, updated_at: input.now })
      .where("user_id", "=", input.userId)
      .where("secret", "=", secret)
      .where("enabled_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom("recovery_codes").where("user_id", "=", input.userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(codes.map((c) => ({ user_id: input.userId, code_hash: sha256(c), used_at: null, created_at: input.now })))
      .execute();
    await recordAudit(trx, { actor: input.actor, action: "auth.twoFactorEnabled", subject: { type: "user", id: input.userId }, now: input.now });
    return true;
  });
  return enabled ? ok(codes) : refuse("notEnrolling");
}

export type DisableRefusal = "wrongPassword" | "throttled";

/** Switching it off needs the password. Staff and admin must enrol again at once (no new grace period). */
export async function disableTwoFactor(
  db: DB,
  input: { userId: number; role: Role; password: string; actor: Actor; now: string },
): Promise<Result<undefined, DisableRefusal>> {
  const key = String(input.userId);
  if (!(await consumeThrottle(db, TWO_FACTOR_DISABLE_LIMIT, key, input.now)).allowed) return refuse("throttled");
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", input.userId).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, input.password))) return refuse("wrongPassword");
  await releaseThrottle(db, TWO_FACTOR_DISABLE_LIMIT, key, input.now);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("two_factor")
      .set({ secret: null, enabled_at: null, last_step: null, grace_ends_at: TWO_FACTOR_REQUIRED_ROLES.includes(input.role) ? input.now : null, updated_at: input.now })
      .where("user_id", "=", input.userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", input.userId).execute();
    await recordAudit(trx, { actor: input.actor, action: "auth.twoFactorDisabled", subject: { type: "user", id: input.userId }, now: input.now });
  });
  return ok();
}

// ── The challenge between the password and the code ─────────────────────────────────────────────────────────

/** After a right password on an account with two-factor sign-in: a token for the cookie (only its hash is kept). */
export async function createLoginChallenge(db: DB, input: { userId: number; redirectTo: string; now: string }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.deleteFrom("login_challenges").where("expires_at", "<", input.now).execute();
  await db
    .insertInto("login_challenges")
    .values({
      token_hash: sha256(token),
      user_id: input.userId,
      redirect_to: input.redirectTo,
      created_at: input.now,
      expires_at: new Date(Date.parse(input.now) + CHALLENGE_TTL_MS).toISOString(),
    })
    .execute();
  return token;
}

export async function findLoginChallenge(db: DB, token: string | null | undefined, now: string) {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("login_challenges")
    .select(["token_hash", "user_id", "redirect_to"])
    .where("token_hash", "=", sha256(token))
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row ?? null;
}

export type ChallengeRefusal = "expired" | "wrongCode" | "throttled";

/**
 * The second step: a code from the app (each time step accepted once: a code seen over a shoulder cannot be
 * replayed) or an unused recovery code. Right → the challenge is spent and the caller starts the session.
 */
export async function completeLoginChallenge(
  db: DB,
  input: { token: string | null | undefined; code: string; ip: string; now: string },
): Promise<Result<{ userId: number; redirectTo: string; method: "totp" | "recoveryCode" }, ChallengeRefusal>> {
  const challenge = await findLoginChallenge(db, input.token, input.now);
  if (!challenge) return refuse("expired");
  const userId = challenge.user_id;
  const actor: Actor = { userId: null, ip: input.ip };
  if (!(await reserveCodeAttempt(db, userId, input.now))) {
    // Too many wrong codes: this challenge is over; the password must be given again (and is throttled too).
    await db.deleteFrom("login_challenges").where("token_hash", "=", challenge.token_hash).execute();
    return refuse("throttled");
  }
  const method = await checkSecondFactor(db, userId, input.code, input.now);
  if (!method) {
    await recordAudit(db, { actor, action: "auth.twoFactorFailed", subject: { type: "user", id: userId }, now: input.now });
    return refuse("wrongCode");
  }
  await releaseThrottle(db, TWO_FACTOR_LIMIT, String(userId), input.now);
  const spent = await db.deleteFrom("login_challenges").where("token_hash", "=", challenge.token_hash).executeTakeFirst();
  if (Number(spent.numDeletedRows) !== 1) return refuse("expired");
  if (method === "recoveryCode") {
    await recordAudit(db, { actor: { userId, ip: input.ip }, action: "auth.recoveryCodeUsed", subject: { type: "user", id: userId }, now: input.now });
  }
  return ok({ userId, redirectTo: challenge.redirect_to, method });
}

async function checkSecondFactor(db: DB, userId: number, code: string, now: string): Promise<"totp" | "recoveryCode" | null> {
  const tf = await db.selectFrom("two_factor").select(["secret", "enabled_at", "last_step"]).where("user_id", "=", userId).executeTakeFirst();
  if (!tf?.secret || !tf.enabled_at) return null;
  const read = await readSecret(db, userId, tf.secret);
  const step = read ? await matchingStep(read.plain, code, Date.parse(now)) : null;
  if (step !== null) {
    // Accepted once per time step, atomically: two parallel submissions of one code cannot both pass.
    const r = await db
      .updateTable("two_factor")
      .set({ last_step: step })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? "totp" : null;
  }
  const recovery = normaliseRecoveryCode(code);
  if (!recovery) return null;
  const used = await db
    .updateTable("recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", sha256(recovery))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? "recoveryCode" : null;
}
