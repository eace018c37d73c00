// Changing an account's address (issue 12): the current password is required (throttled per account); a link goes
// to the NEW address (a single-use token, only its SHA-256 stored in email_changes, 24 hours) and the address
// changes only when the account's owner, signed in, follows it; the OLD address is told when the change is asked
// for and when it is done. The answer to a request is the same whether or not the new address already belongs to
// someone (then nothing is sent to it), so the form is no address oracle. Recorded in the security log.
import { verifyPassword } from "~/auth/password.server";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { consumeThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { queueEmail } from "./outbox.server";
import { hashToken, newEmailToken } from "./tokens.server";

export const EMAIL_CHANGE_LIMIT: ThrottleRule = { bucket: "email-change.user", max: 5, windowMs: 15 * 60_000 };
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** "an…@example.com": enough for the owner to recognise, not a full address in a message to the old mailbox. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 2)}…@${domain ?? ""}`;
}

export type EmailChangeRefusal = "throttled" | "wrongPassword" | "same";

export async function requestEmailChange(
  db: DB,
  input: { userId: number; newEmail: string; currentPassword: string; actor: Actor; now: string },
): Promise<Result<undefined, EmailChangeRefusal>> {
  // Every request counts (also the successful ones): an account cannot be used to mail many addresses.
  if (!(await consumeThrottle(db, EMAIL_CHANGE_LIMIT, String(input.userId), input.now)).allowed) return refuse("throttled");
  const user = await db.selectFrom("users").select(["password_hash", "email"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordAudit(db, { actor: input.actor, action: "auth.loginFailed", subject: { type: "user", id: input.userId }, details: { step: "emailChange" }, now: input.now });
    return refuse("wrongPassword");
  }
  const newEmail = input.newEmail.trim().toLowerCase();
  if (newEmail === user.email) return refuse("same");
  const taken = await db.selectFrom("users").select("id").where("email", "=", newEmail).executeTakeFirst();
  await inTransaction(db, async (trx) => {
    // One pending change at a time: an earlier link stops working.
    await trx.updateTable("email_changes").set({ used_at: input.now }).where("user_id", "=", input.userId).where("used_at", "is", null).execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: "auth.emailChangeRequested",
      subject: { type: "user", id: input.userId },
      details: { to: maskEmail(newEmail) },
      now: input.now,
    });
    if (taken) return;
    const token = newEmailToken();
    await trx
      .insertInto("email_changes")
      .values({
        user_id: input.userId,
        old_email: user.email,
        new_email: newEmail,
        token_hash: hashToken(token),
        created_at: input.now,
        expires_at: new Date(Date.parse(input.now) + EMAIL_CHANGE_TTL_MS).toISOString(),
      })
      .execute();
    const locale = (await trx.selectFrom("users").select("locale").where("id", "=", input.userId).executeTakeFirstOrThrow()).locale;
    await queueEmail(trx, {
      template: "emailChangeVerify",
      userId: input.userId,
      to: { address: newEmail, locale },
      params: { email: newEmail, link: "/confirm-email/{token}" },
      secret: { token },
      now: input.now,
    });
    // The old address hears of it (account-security mail, always sent); a class account has none.
    if (user.email) {
      await queueEmail(trx, { template: "emailChangeRequested", userId: input.userId, params: { at: input.now, masked: maskEmail(newEmail) }, now: input.now });
    }
  });
  return ok();
}

/** The new address waiting for its link to be followed, if any. */
export async function pendingEmailChange(db: DB, input: { userId: number; now: string }): Promise<string | null> {
  const row = await db
    .selectFrom("email_changes")
    .select("new_email")
    .where("user_id", "=", input.userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", input.now)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.new_email ?? null;
}

export type EmailChangeTokenRefusal = "invalid";

/**
 * Follows the link: only for the signed-in owner of the token (another account's token is invalid for them and is
 * not used up), once, before it expires, while the account still has the address it had when asking, and while no
 * other account has taken the new address. The new address counts as verified (the link reached it).
 */
export async function confirmEmailChange(
  db: DB,
  input: { token: string; userId: number; actor: Actor; now: string },
): Promise<Result<string, EmailChangeTokenRefusal>> {
  if (!TOKEN_SHAPE.test(input.token)) return refuse("invalid");
  return inTransaction<Result<string, EmailChangeTokenRefusal>>(db, async (trx) => {
    const used = await trx
      .updateTable("email_changes")
      .set({ used_at: input.now })
      .where("token_hash", "=", hashToken(input.token))
      .where("user_id", "=", input.userId)
      .where("used_at", "is", null)
      .where("expires_at", ">", input.now)
      .returning(["old_email", "new_email"])
      .executeTakeFirst();
    if (!used) return refuse("invalid");
    const current = await trx.selectFrom("users").select(["email", "locale"]).where("id", "=", input.userId).executeTakeFirst();
    if (!current || current.email !== used.old_email) return refuse("invalid");
    const updated = await trx
      .updateTable("users")
      .set({ email: used.new_email, email_verified_at: input.now, updated_at: input.now })
      .where("id", "=", input.userId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("users as other").select("other.id").where("other.email", "=", used.new_email))))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return refuse("invalid");
    await recordAudit(trx, {
      actor: input.actor,
      action: "auth.emailChanged",
      subject: { type: "user", id: input.userId },
      details: { to: maskEmail(used.new_email) },
      now: input.now,
    });
    if (used.old_email) {
      await queueEmail(trx, {
        template: "emailChanged",
        userId: input.userId,
        to: { address: used.old_email, locale: current.locale },
        params: { at: input.now, masked: maskEmail(used.new_email) },
        now: input.now,
      });
    }
    return ok(used.new_email);
  });
}
