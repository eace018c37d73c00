// Workshops: sessions (one registration unit) with one or more meetings, registrations with a fair waitlist,
// attendance per meeting, and private calendar feed tokens. Frozen once released: Kysely<any>, no app/ imports.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workshop_sessions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("room", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("capacity", "integer", (c) => c.notNull())
    // Kept by conditional updates (… where confirmed_count < capacity), never recounted.
    .addColumn("confirmed_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("instructor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("registration_opens_at", "text")
    .addColumn("registration_closes_at", "text")
    .addColumn("cancellation_deadline", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("scheduled"))
    .addColumn("min_attendance_percent", "integer", (c) => c.notNull().defaultTo(100))
    // First meeting start / last meeting end, denormalised for indexing, listing and overlap pre-checks.
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("workshop_sessions_status_check", sql`status in ('scheduled','cancelled')`)
    .addCheckConstraint("workshop_sessions_capacity_check", sql`capacity >= 0 and confirmed_count >= 0 and confirmed_count <= capacity`)
    .addCheckConstraint("workshop_sessions_min_attendance_check", sql`min_attendance_percent between 1 and 100`)
    .execute();
  await db.schema.createIndex("workshop_sessions_program_idx").on("workshop_sessions").columns(["program_id", "starts_at"]).execute();
  await db.schema.createIndex("workshop_sessions_starts_idx").on("workshop_sessions").columns(["starts_at", "program_id"]).execute();
  await db.schema.createIndex("workshop_sessions_instructor_idx").on("workshop_sessions").columns(["instructor_id", "starts_at"]).execute();

  await db.schema
    .createTable("workshop_meetings")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("session_id", "integer", (c) => c.notNull().references("workshop_sessions.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addCheckConstraint("workshop_meetings_range_check", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("workshop_meetings_session_idx").on("workshop_meetings").columns(["session_id", "starts_at"]).execute();
  await db.schema.createIndex("workshop_meetings_starts_idx").on("workshop_meetings").columns(["starts_at"]).execute();

  await db.schema
    .createTable("workshop_registrations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("session_id", "integer", (c) => c.notNull().references("workshop_sessions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("waitlist_position", "integer")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("self"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .addCheckConstraint("workshop_registrations_status_check", sql`status in ('confirmed','waitlisted','cancelled','removed')`)
    .addCheckConstraint("workshop_registrations_source_check", sql`source in ('self','class')`)
    .addCheckConstraint(
      "workshop_registrations_position_check",
      // Positions are 1..n; closing a gap briefly negates them (see closeWaitlistGap), so no sign check here.
      sql`(status = 'waitlisted') = (waitlist_position is not null)`,
    )
    .execute();
  // One row per student per session: re-registering after cancelling reuses it.
  await db.schema
    .createIndex("workshop_registrations_unique")
    .on("workshop_registrations")
    .columns(["session_id", "user_id"])
    .unique()
    .execute();
  // No two students can hold the same waitlist place, on any database.
  await db.schema
    .createIndex("workshop_registrations_waitlist_unique")
    .on("workshop_registrations")
    .columns(["session_id", "waitlist_position"])
    .unique()
    .where(sql.ref("waitlist_position"), "is not", null)
    .execute();
  await db.schema
    .createIndex("workshop_registrations_user_idx")
    .on("workshop_registrations")
    .columns(["user_id", "status", "session_id"])
    .execute();
  await db.schema
    .createIndex("workshop_registrations_session_status_idx")
    .on("workshop_registrations")
    .columns(["session_id", "status", "created_at"])
    .execute();

  await db.schema
    .createTable("workshop_attendance")
    .addColumn("registration_id", "integer", (c) => c.notNull().references("workshop_registrations.id").onDelete("cascade"))
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("workshop_meetings.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("marked_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("marked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workshop_attendance_pk", ["registration_id", "meeting_id"])
    .addCheckConstraint("workshop_attendance_status_check", sql`status in ('attended','absent')`)
    .execute();
  await db.schema.createIndex("workshop_attendance_meeting_idx").on("workshop_attendance").columns(["meeting_id"]).execute();

  await db.schema
    .createTable("calendar_tokens")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  // Forward-only: migrations are never rolled back.
}
