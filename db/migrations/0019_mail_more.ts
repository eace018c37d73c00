// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// More of issue 12's mail: attachments of an outbox row kept as references (rendered when sent, so rows stay
// small), a staff switch per program for reminders, a per-person switch for the staff daily digest, and address
// changes confirmed by a link to the new address (single-use, hashed, expiring).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // JSON array of references ({ kind: "registrationIcs", registrationId } | { kind: "certificatePdf", code }).
  await db.schema.alterTable("email_outbox").addColumn("attachments", "text").execute();
  // 1: reminders go out for this program's sessions and tours (staff switch it off on the program form).
  await db.schema.alterTable("programs").addColumn("mail_reminders", "integer", (c) => c.notNull().defaultTo(1)).execute();
  // 1: staff and admin receive the daily digest at 07:00 Vietnam time.
  await db.schema.alterTable("users").addColumn("mail_digest", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema
    .createTable("email_changes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("old_email", "text")
    .addColumn("new_email", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("email_changes_hash_unique").on("email_changes").column("token_hash").unique().execute();
  await db.schema.createIndex("email_changes_user_idx").on("email_changes").columns(["user_id", "used_at"]).execute();
}
