// Logging in with an email or a username, throttled per account and per address.
import type { DB } from "~/lib/db.server";
import { clearEvents, isLimited, recordEvent, type Limit } from "~/lib/rate-limit.server";
import { ok, refuse, type Result } from "~/lib/result";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { findUserByLogin } from "./users.server";

const WINDOW_MS = 15 * 60_000;
export const LOGIN_ACCOUNT_LIMIT: Limit = { bucket: "login-account", max: 5, windowMs: WINDOW_MS };
export const LOGIN_IP_LIMIT: Limit = { bucket: "login-ip", max: 20, windowMs: WINDOW_MS };

export type LoginRefusal = "invalid" | "throttled";

/** The user's id when the password is right and neither the account nor the address is throttled. */
export async function attemptLogin(
  db: DB,
  input: { identifier: string; password: string; ip: string; now: string },
): Promise<Result<number, LoginRefusal>> {
  const at = Date.parse(input.now);
  const account = input.identifier.trim().toLowerCase();
  if ((await isLimited(db, LOGIN_ACCOUNT_LIMIT, account, at)) || (await isLimited(db, LOGIN_IP_LIMIT, input.ip, at))) {
    return refuse("throttled");
  }
  const user = await findUserByLogin(db, account);
  const valid = user ? await verifyPassword(user.password_hash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !valid) {
    // Same answer for an unknown account and a wrong password.
    await recordEvent(db, LOGIN_ACCOUNT_LIMIT, account, at);
    await recordEvent(db, LOGIN_IP_LIMIT, input.ip, at);
    return refuse("invalid");
  }
  await clearEvents(db, LOGIN_ACCOUNT_LIMIT, account);
  return ok(user.id);
}
