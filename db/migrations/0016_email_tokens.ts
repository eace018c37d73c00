// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Single-use, expiring tokens sent by e-mail (verify an address, reset a password). Only a SHA-256 hash of the
// token is stored; the token itself exists only in the message.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // The address the token was sent to: verifying it only counts while the account still has this address.
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addCheckConstraint("email_tokens_purpose_check", sql`purpose in ('verify', 'reset', 'unsubscribe')`)
    .execute();
  await db.schema.createIndex("email_tokens_hash_unique").on("email_tokens").column("token_hash").unique().execute();
  await db.schema.createIndex("email_tokens_user_idx").on("email_tokens").columns(["user_id", "purpose"]).execute();
}
