// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Two-factor sign-in (a TOTP secret per account, hashed recovery codes, the short-lived "password was right, now
// the code" challenge) and the end of the old throttle event table (replaced by rate_limits in 0007).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit_events").ifExists().execute();

  // One row per account that has started enrolling, enabled two-factor sign-in or been given a grace period.
  await db.schema
    .createTable("two_factor")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    // Base32 TOTP secret; null when the account only has a grace period.
    .addColumn("secret", "text")
    // Null while enrolling (secret shown, no code confirmed yet).
    .addColumn("enabled_at", "text")
    // The last 30-second time step whose code was accepted: a code is never accepted twice.
    .addColumn("last_step", "integer")
    // Staff and admin: until when they may still sign in without a second factor.
    .addColumn("grace_ends_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // SHA-256 of the code (the codes carry 80 random bits: a fast hash is enough).
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("recovery_codes_user_idx").on("recovery_codes").columns(["user_id", "code_hash"]).execute();

  // The half-signed-in state between the password and the code: only a hash of the cookie's token is kept.
  await db.schema
    .createTable("login_challenges")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("redirect_to", "text", (c) => c.notNull().defaultTo("/"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_challenges_user_idx").on("login_challenges").column("user_id").execute();
  await db.schema.createIndex("login_challenges_expiry_idx").on("login_challenges").column("expires_at").execute();
}
