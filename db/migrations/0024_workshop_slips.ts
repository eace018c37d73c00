// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Issue 16, workshop sessions: a per-program staff setting "requires a permission slip" (workshops; tours always
// have slips), and permission slips that belong to a workshop registration instead of a tour booking. One table
// for both kinds of slip (signing, links, the guardian's page and retention stay one code path): `booking_id`
// becomes nullable, `registration_id` is added, and a check says a slip belongs to exactly one of them.
// PostgreSQL alters the table in place; SQLite cannot drop NOT NULL, so the table is rebuilt (SQLite's documented
// procedure, as 0020 did for users: foreign keys off outside a transaction, new table, copy, drop, rename,
// indexes, foreign key check).
import { type Kysely, PostgresAdapter, sql } from "kysely";

const COLUMNS = [
  "id", "booking_id", "student_id", "status", "emergency_phone", "medical_note", "signed_name", "signed_at", "signed_ip", "signed_by",
  "token_hash", "token_expires_at", "reminded_at", "medical_purged_at", "created_at", "updated_at",
];

const SUBJECT_CHECK = sql`(booking_id is null) <> (registration_id is null)`;

async function rebuildSqlite(db: Kysely<any>): Promise<void> {
  const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    await db.schema
      .createTable("permission_slips_0024")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("booking_id", "integer", (c) => c.references("tour_bookings.id").onDelete("cascade"))
      .addColumn("student_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("emergency_phone", "text")
      .addColumn("medical_note", "text")
      .addColumn("signed_name", "text")
      .addColumn("signed_at", "text")
      .addColumn("signed_ip", "text")
      .addColumn("signed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("token_hash", "text")
      .addColumn("token_expires_at", "text")
      .addColumn("reminded_at", "text")
      .addColumn("medical_purged_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("registration_id", "integer", (c) => c.references("workshop_registrations.id").onDelete("cascade"))
      .addCheckConstraint("permission_slips_status_check", sql`status in ('pending','yes','no','void')`)
      .addCheckConstraint("permission_slips_subject_check", SUBJECT_CHECK)
      .execute();
    const cols = COLUMNS.join(", ");
    await sql.raw(`insert into permission_slips_0024 (${cols}) select ${cols} from permission_slips`).execute(db);
    await sql`drop table permission_slips`.execute(db);
    await sql`alter table permission_slips_0024 rename to permission_slips`.execute(db);
    await db.schema.createIndex("permission_slips_unique").on("permission_slips").columns(["booking_id", "student_id"]).unique().execute();
    await db.schema.createIndex("permission_slips_student_idx").on("permission_slips").columns(["student_id", "status"]).execute();
    await db.schema.createIndex("permission_slips_token_unique").on("permission_slips").column("token_hash").unique().execute();
    await db.schema.createIndex("permission_slips_registration_unique").on("permission_slips").column("registration_id").unique().execute();
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length) throw new Error("0024: foreign key check failed");
    await sql`commit`.execute(db);
  } catch (e) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw e;
  } finally {
    if (fk.rows[0]?.foreign_keys) await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // 1: a confirmed registration for a session of this workshop program gets a permission slip (staff setting).
  await db.schema.alterTable("programs").addColumn("requires_slip", "integer", (c) => c.notNull().defaultTo(0)).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table permission_slips alter column booking_id drop not null`.execute(db);
    await db.schema.alterTable("permission_slips").addColumn("registration_id", "integer", (c) => c.references("workshop_registrations.id").onDelete("cascade")).execute();
    await db.schema.alterTable("permission_slips").addCheckConstraint("permission_slips_subject_check", SUBJECT_CHECK).execute();
    await db.schema.createIndex("permission_slips_registration_unique").on("permission_slips").column("registration_id").unique().execute();
    return;
  }
  await rebuildSqlite(db);
}
