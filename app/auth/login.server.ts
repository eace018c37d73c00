// Logging in with an email or a username. Throttled so that a guesser is slowed down but a stranger can never
// lock the owner out (ARCHITECTURE, "Throttling"):
// - account + address: 5 failures in 15 minutes, then refused (only this address, only this account);
// - address: 20 failures in 15 minutes over all accounts, then refused (credential stuffing from one place);
// - account, all addresses together: never refused; past 10 attempts in 15 minutes each further attempt waits a
//   little longer (progressive delay, capped), so a spread-out guesser is slowed while the owner still gets in.
// Every attempt is reserved (an atomic counter) *before* the password check, so parallel guesses cannot race past
// a limit; a right password gives its reservations back (only failures count).
import type { Actor } from "~/lib/audit.server";
import { recordAudit } from "~/lib/audit.server";
import type { DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { consumeThrottle, releaseThrottle, resetThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { findUserByLogin } from "./users.server";

const WINDOW_MS = 15 * 60_000;
export const LOGIN_PAIR_LIMIT: ThrottleRule = { bucket: "login.account-address", max: 5, windowMs: WINDOW_MS };
export const LOGIN_IP_LIMIT: ThrottleRule = { bucket: "login.address", max: 20, windowMs: WINDOW_MS };
/** Not a refusal: attempts past `max` on one account (from anywhere) are delayed, never refused. */
export const LOGIN_ACCOUNT_SLOWDOWN: ThrottleRule = { bucket: "login.account", max: 10, windowMs: WINDOW_MS };
export const SLOWDOWN_STEP_MS = 500;
export const SLOWDOWN_MAX_MS = 10_000;

export type LoginRefusal = "invalid" | "throttled";

export interface LoginOptions {
  /** How to wait (tests pass a recorder instead of really sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay of the n-th attempt on one account in a window (0 up to the slowdown threshold). */
export function slowdownMs(hits: number): number {
  const over = hits - LOGIN_ACCOUNT_SLOWDOWN.max;
  return over <= 0 ? 0 : Math.min(SLOWDOWN_MAX_MS, over * SLOWDOWN_STEP_MS);
}

/**
 * The user's id when the password is right and neither the account at this address nor the address is throttled.
 * Failures and the first refusal of a window are written to the security event log; a success is logged by the
 * caller once the sign-in is complete (after a second factor, if the account has one).
 */
export async function attemptLogin(
  db: DB,
  input: { identifier: string; password: string; ip: string; now: string },
  opts: LoginOptions = {},
): Promise<Result<number, LoginRefusal>> {
  const account = input.identifier.trim().toLowerCase();
  const actor: Actor = { userId: null, ip: input.ip };
  const pairKey = `${account}|${input.ip}`;
  const pair = await consumeThrottle(db, LOGIN_PAIR_LIMIT, pairKey, input.now);
  const address = pair.allowed ? await consumeThrottle(db, LOGIN_IP_LIMIT, input.ip, input.now) : null;
  if (!pair.allowed || !address?.allowed) {
    // Logged once per window and key, not once per refused request (a flood must not flood the log).
    const first = pair.allowed ? address!.hits === LOGIN_IP_LIMIT.max + 1 : pair.hits === LOGIN_PAIR_LIMIT.max + 1;
    if (first) {
      await recordAudit(db, {
        actor,
        action: "auth.throttled",
        details: { bucket: pair.allowed ? LOGIN_IP_LIMIT.bucket : LOGIN_PAIR_LIMIT.bucket },
        now: input.now,
      });
    }
    return refuse("throttled");
  }
  const spread = await consumeThrottle(db, LOGIN_ACCOUNT_SLOWDOWN, account, input.now);
  const delay = slowdownMs(spread.hits);
  if (delay > 0) await (opts.sleep ?? realSleep)(delay);

  const user = await findUserByLogin(db, account);
  const valid = user ? await verifyPassword(user.password_hash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !valid) {
    // Same answer for an unknown account and a wrong password; the log says which account, if one exists.
    await recordAudit(db, {
      actor,
      action: "auth.loginFailed",
      subject: user ? { type: "user", id: user.id } : undefined,
      details: { knownAccount: !!user },
      now: input.now,
    });
    return refuse("invalid");
  }
  await resetThrottle(db, LOGIN_PAIR_LIMIT, pairKey);
  await releaseThrottle(db, LOGIN_IP_LIMIT, input.ip, input.now);
  await releaseThrottle(db, LOGIN_ACCOUNT_SLOWDOWN, account, input.now);
  return ok(user.id);
}

/** A completed sign-in (password, and second factor when the account has one). */
export async function recordLogin(db: DB, input: { userId: number; ip: string; method: "password" | "totp" | "recoveryCode"; now: string }) {
  await recordAudit(db, {
    actor: { userId: input.userId, ip: input.ip },
    action: "auth.login",
    subject: { type: "user", id: input.userId },
    details: { method: input.method },
    now: input.now,
  });
}
