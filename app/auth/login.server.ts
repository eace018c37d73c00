// Logging in with an email or a username, throttled per account and per address.
import type { DB } from "~/lib/db.server";
import { clearEvents, isLimited, recordEvent, type Limit } from "~/lib/rate-limit.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { findUserByLogin } from "./users.server";

const WINDOW_MS = 15 * 60_000;
export const LOGIN_ACCOUNT_LIMIT: Limit = { bucket: "login-account", max: 5, windowMs: WINDOW_MS };
export const LOGIN_IP_LIMIT: Limit = { bucket: "login-ip", max: 20, windowMs: WINDOW_MS };

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; error: "invalid" }
  | { ok: false; error: "throttled" };

export async function attemptLogin(
  db: DB,
  input: { identifier: string; password: string; ip: string },
): Promise<LoginResult> {
  const account = input.identifier.trim().toLowerCase();
  if ((await isLimited(db, LOGIN_ACCOUNT_LIMIT, account)) || (await isLimited(db, LOGIN_IP_LIMIT, input.ip))) {
    return { ok: false, error: "throttled" };
  }
  const user = await findUserByLogin(db, account);
  const valid = user ? await verifyPassword(user.password_hash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !valid) {
    // Same answer for an unknown account and a wrong password.
    await recordEvent(db, LOGIN_ACCOUNT_LIMIT, account);
    await recordEvent(db, LOGIN_IP_LIMIT, input.ip);
    return { ok: false, error: "invalid" };
  }
  await clearEvents(db, LOGIN_ACCOUNT_LIMIT, account);
  return { ok: true, userId: user.id };
}
