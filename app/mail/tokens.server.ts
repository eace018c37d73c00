// Tokens sent by e-mail: 32 random bytes (base64url) in the link, only their SHA-256 in the database; single-use
// (consumed by one conditional UPDATE, so two clicks at once cannot both succeed) and expiring.
import crypto from "node:crypto";
import type { EmailTokenPurpose } from "#db/schema";
import type { DB } from "~/lib/db.server";

export const RESET_TOKEN_TTL_MS = 60 * 60_000;
export const VERIFY_TOKEN_TTL_MS = 24 * 60 * 60_000;
export const UNSUBSCRIBE_TOKEN_TTL_MS = 365 * 24 * 60 * 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh token for the user's address; earlier unused tokens of the same purpose stop working. */
/** A fresh token for a link (only its hash is stored). */
export function newEmailToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export async function issueEmailToken(
  trx: DB,
  input: { userId: number; email: string; purpose: EmailTokenPurpose; ttlMs: number; now: string; keepOthers?: boolean },
): Promise<string> {
  const token = newEmailToken();
  if (!input.keepOthers) await trx
    .updateTable("email_tokens")
    .set({ used_at: input.now })
    .where("user_id", "=", input.userId)
    .where("purpose", "=", input.purpose)
    .where("used_at", "is", null)
    .execute();
  await trx
    .insertInto("email_tokens")
    .values({
      purpose: input.purpose,
      token_hash: hashToken(token),
      user_id: input.userId,
      email: input.email,
      created_at: input.now,
      expires_at: new Date(Date.parse(input.now) + input.ttlMs).toISOString(),
    })
    .execute();
  return token;
}

/** Uses the token up: its user and address, or null when unknown, used, expired or of another purpose. */
export async function consumeEmailToken(trx: DB, input: { token: string; purpose: EmailTokenPurpose; now: string }) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) return null;
  const row = await trx
    .updateTable("email_tokens")
    .set({ used_at: input.now })
    .where("token_hash", "=", hashToken(input.token))
    .where("purpose", "=", input.purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", input.now)
    .returning(["user_id as userId", "email"])
    .executeTakeFirst();
  return row ?? null;
}

/** Whether the token would work now (the page shows the form or says the link is dead); uses nothing. */
export async function isEmailTokenUsable(db: DB, input: { token: string; purpose: EmailTokenPurpose; now: string }): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) return false;
  const row = await db
    .selectFrom("email_tokens")
    .select("id")
    .where("token_hash", "=", hashToken(input.token))
    .where("purpose", "=", input.purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", input.now)
    .executeTakeFirst();
  return row !== undefined;
}

/** An unsubscribe token's user while it has not expired (reusable: clicking twice is harmless). */
export async function findUnsubscribeToken(db: DB, input: { token: string; now: string }): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) return null;
  const row = await db
    .selectFrom("email_tokens")
    .select("user_id")
    .where("token_hash", "=", hashToken(input.token))
    .where("purpose", "=", "unsubscribe")
    .where("expires_at", ">", input.now)
    .executeTakeFirst();
  return row?.user_id ?? null;
}
