// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Parents and guardians (issue 16): the `guardian` role, links between a guardian and a student (at most two per
// student, by two numbered places), single-use invitations (only a SHA-256 hash of the token is stored), a
// consent record per student, and permission slips for confirmed tour bookings.
import { type Kysely, PostgresAdapter, sql } from "kysely";

const ROLES_BEFORE = "role in ('student','teacher','coordinator','staff','admin')";
const ROLES_AFTER = "role in ('student','teacher','coordinator','staff','admin','guardian')";

async function allowGuardianRole(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql.raw(`alter table users add constraint users_role_check check (${ROLES_AFTER})`).execute(db);
    return;
  }
  // SQLite cannot change a CHECK constraint: the table is rebuilt from its own definition (SQLite's documented
  // procedure: foreign keys off outside a transaction — Kysely runs SQLite migrations without one — new table,
  // copy, drop, rename, indexes, foreign key check).
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'users'`.execute(db);
  const definition = table.rows[0]?.sql ?? "";
  const beforeText = /role in \('student', ?'teacher', ?'coordinator', ?'staff', ?'admin'\)/;
  if (!beforeText.test(definition)) throw new Error(`0020: unexpected users definition (${ROLES_BEFORE} not found)`);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'users' and sql is not null`.execute(db);
  const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    const created = definition
      .replace(beforeText, ROLES_AFTER)
      .replace(/^create table\s+("?users"?|`users`)/i, 'create table "users_0020"');
    await sql.raw(created).execute(db);
    await sql`insert into users_0020 select * from users`.execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_0020 rename to users`.execute(db);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length) throw new Error("0020: foreign key check failed");
    await sql`commit`.execute(db);
  } catch (e) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw e;
  } finally {
    if (fk.rows[0]?.foreign_keys) await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await allowGuardianRole(db);

  // Who is a guardian of whom. `place` 1 or 2: the unique (student, place) index is the "at most two" rule, so two
  // links made at once cannot both take the last place.
  await db.schema
    .createTable("guardian_links")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("student_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("guardian_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("place", "integer", (c) => c.notNull())
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("guardian_links_place_check", sql`place in (1, 2)`)
    .execute();
  await db.schema.createIndex("guardian_links_place_unique").on("guardian_links").columns(["student_id", "place"]).unique().execute();
  await db.schema.createIndex("guardian_links_pair_unique").on("guardian_links").columns(["student_id", "guardian_id"]).unique().execute();
  await db.schema.createIndex("guardian_links_guardian_idx").on("guardian_links").columns(["guardian_id", "student_id"]).execute();

  // An invitation to become a student's guardian: sent by e-mail (the student's act) or printed as a one-time code
  // by a teacher of the student's school (managed accounts). Single-use and expiring.
  await db.schema
    .createTable("guardian_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("student_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("used_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addCheckConstraint("guardian_invitations_kind_check", sql`kind in ('email','code')`)
    .execute();
  await db.schema.createIndex("guardian_invitations_hash_unique").on("guardian_invitations").column("token_hash").unique().execute();
  await db.schema.createIndex("guardian_invitations_student_idx").on("guardian_invitations").columns(["student_id", "created_at"]).execute();

  // Consent to process a child's data (under 16): the latest state, who recorded it and when.
  await db.schema
    .createTable("guardian_consents")
    .addColumn("student_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("recorded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("given_at", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("guardian_consents_status_check", sql`status in ('given','withdrawn')`)
    .execute();

  // A permission slip per student of a confirmed class booking.
  await db.schema
    .createTable("permission_slips")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("booking_id", "integer", (c) => c.notNull().references("tour_bookings.id").onDelete("cascade"))
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
    .addCheckConstraint("permission_slips_status_check", sql`status in ('pending','yes','no','void')`)
    .execute();
  await db.schema.createIndex("permission_slips_unique").on("permission_slips").columns(["booking_id", "student_id"]).unique().execute();
  await db.schema.createIndex("permission_slips_student_idx").on("permission_slips").columns(["student_id", "status"]).execute();
  await db.schema.createIndex("permission_slips_token_unique").on("permission_slips").column("token_hash").unique().execute();
}
