// Certificates: snapshots of what was earned, with a public serial and an unguessable verification code.
// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // One counter row per calendar year: serials are allocated by UPDATE … RETURNING inside the issuing transaction.
  await db.schema
    .createTable("certificate_serials")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last_value", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("serial", "text", (c) => c.notNull().unique())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    // Snapshot at issue time: later edits of the user or the program never change a printed certificate.
    .addColumn("recipient_name", "text", (c) => c.notNull())
    .addColumn("program_title_vi", "text", (c) => c.notNull())
    .addColumn("program_title_en", "text")
    .addColumn("hours", "real")
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issuer_name", "text", (c) => c.notNull())
    .addColumn("issuer_city", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("valid"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_reason", "text")
    .addColumn("superseded_by", "integer", (c) => c.references("certificates.id"))
    // NULL: issued automatically when the condition became true.
    .addColumn("issued_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("source_ref", "text")
    // Folded (no diacritics, lower case) name, serial and titles: what staff search matches.
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("certificates_kind_check", sql`kind in ('course','workshop','tour')`)
    .addCheckConstraint("certificates_status_check", sql`status in ('valid','revoked','superseded')`)
    .addCheckConstraint("certificates_hours_check", sql`hours is null or hours >= 0`)
    .execute();
  // One live certificate per learner, program and kind: issuing again finds this one.
  await db.schema
    .createIndex("certificates_live_unique")
    .on("certificates")
    .columns(["user_id", "program_id", "kind"])
    .unique()
    .where(sql.ref("status"), "=", "valid")
    .execute();
  await db.schema.createIndex("certificates_user_idx").on("certificates").columns(["user_id", "issued_at"]).execute();
  await db.schema.createIndex("certificates_program_idx").on("certificates").columns(["program_id", "status", "user_id"]).execute();
  await db.schema.createIndex("certificates_issued_idx").on("certificates").columns(["issued_at"]).execute();
}

export async function down(): Promise<void> {
  // Forward-only: migrations are never rolled back.
}
