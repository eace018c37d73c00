// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// The transactional outbox of e-mail (written in the same transaction as the change it announces, delivered by
// the sender loop) and the recipient's settings on the user row: when the address was verified, and whether
// non-essential mail (reminders, confirmations) is wanted.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("to_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("vi"))
    // JSON object: language-neutral parameters, rendered in the recipient's language when sent or previewed.
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    // JSON object of secret parameters (a reset link's token): erased as soon as the message is delivered.
    .addColumn("secret", "text")
    // Stable across attempts, so a receiver can recognise a repeat.
    .addColumn("message_id", "text", (c) => c.notNull())
    // One message per key ever (a reminder per registration and kind); null for ordinary mail.
    .addColumn("dedupe_key", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    // Who holds the row while sending and until when; a row whose lease ran out was abandoned by a crash.
    .addColumn("claim_token", "text")
    .addColumn("lease_until", "text")
    // Set just before the message is handed to SMTP: an abandoned row with it set may have been delivered.
    .addColumn("handed_at", "text")
    .addColumn("smtp_response", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addCheckConstraint("email_outbox_status_check", sql`status in ('pending', 'sending', 'sent', 'stored', 'failed')`)
    .execute();
  await db.schema.createIndex("email_outbox_due_idx").on("email_outbox").columns(["status", "next_attempt_at", "id"]).execute();
  await db.schema.createIndex("email_outbox_lease_idx").on("email_outbox").columns(["status", "lease_until"]).execute();
  await db.schema.createIndex("email_outbox_list_idx").on("email_outbox").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("email_outbox_status_list_idx").on("email_outbox").columns(["status", "created_at", "id"]).execute();
  await db.schema.createIndex("email_outbox_dedupe_unique").on("email_outbox").column("dedupe_key").unique().execute();

  await db.schema.alterTable("users").addColumn("email_verified_at", "text").execute();
  // 1: reminders and confirmations wanted (account-security mail is always sent).
  await db.schema.alterTable("users").addColumn("mail_optional", "integer", (c) => c.notNull().defaultTo(1)).execute();
}
