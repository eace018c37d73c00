// The fab lab: machines and rooms booked by the hour, unlocked by certificates (issue 15).
// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text; local dates YYYY-MM-DD.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("lab_resources")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_vi", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("description_vi", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text")
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("photo_path", "text")
    // 1 for a machine, N seats for a room.
    .addColumn("capacity", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("slot_minutes", "integer", (c) => c.notNull().defaultTo(60))
    .addColumn("max_slots_per_booking", "integer", (c) => c.notNull().defaultTo(3))
    // Null: no weekly limit.
    .addColumn("max_hours_per_week", "integer")
    .addColumn("min_grade", "integer")
    .addColumn("min_age", "integer")
    // 0/1: a no-show's hours count against the person's quota of the following week.
    .addColumn("no_show_penalty", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("lab_resources_kind_check", sql`kind in ('machine','room')`)
    .addCheckConstraint("lab_resources_status_check", sql`status in ('active','archived')`)
    .addCheckConstraint("lab_resources_numbers_check", sql`capacity >= 1 and slot_minutes between 15 and 480 and max_slots_per_booking >= 1`)
    .execute();
  await db.schema.createIndex("lab_resources_slug_unique").on("lab_resources").column("slug").unique().execute();
  await db.schema.createIndex("lab_resources_status_idx").on("lab_resources").columns(["status", "kind"]).execute();

  // All listed programs' certificates are needed (e.g. the safety course and the laser induction).
  await db.schema
    .createTable("lab_resource_credentials")
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("lab_resource_credentials_pk", ["resource_id", "program_id"])
    .execute();
  await db.schema.createIndex("lab_resource_credentials_program_idx").on("lab_resource_credentials").column("program_id").execute();

  // Opening hours per ISO weekday (1 = Monday), local HH:MM.
  await db.schema
    .createTable("lab_opening_hours")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("weekday", "integer", (c) => c.notNull())
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addCheckConstraint("lab_opening_hours_check", sql`weekday between 1 and 7 and closes_at > opens_at`)
    .execute();
  await db.schema.createIndex("lab_opening_hours_resource_idx").on("lab_opening_hours").columns(["resource_id", "weekday"]).execute();

  // Closed local dates: for one resource, or (resource_id null) for the whole lab.
  await db.schema
    .createTable("lab_closed_dates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("resource_id", "integer", (c) => c.references("lab_resources.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lab_closed_dates_date_idx").on("lab_closed_dates").columns(["date", "resource_id"]).execute();

  // Out of service for a period; bookings in it are cancelled when it is recorded.
  await db.schema
    .createTable("lab_outages")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("lab_outages_time_check", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("lab_outages_resource_idx").on("lab_outages").columns(["resource_id", "starts_at"]).execute();

  await db.schema
    .createTable("lab_bookings")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("slots", "integer", (c) => c.notNull())
    // Monday (Vietnam) of the booking's week: the quota's week.
    .addColumn("week_start", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("booked"))
    .addColumn("cancel_reason", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .addColumn("checked_in_at", "text")
    .addCheckConstraint("lab_bookings_status_check", sql`status in ('booked','cancelled','checked_in','no_show')`)
    .addCheckConstraint("lab_bookings_time_check", sql`ends_at > starts_at and slots >= 1`)
    .execute();
  await db.schema.createIndex("lab_bookings_resource_idx").on("lab_bookings").columns(["resource_id", "starts_at"]).execute();
  await db.schema.createIndex("lab_bookings_user_idx").on("lab_bookings").columns(["user_id", "starts_at"]).execute();
  // The day sheet reads every resource's bookings of one day.
  await db.schema.createIndex("lab_bookings_start_idx").on("lab_bookings").column("starts_at").execute();

  // Seats taken per resource and slot start, kept by conditional updates (never above the resource's capacity).
  await db.schema
    .createTable("lab_slot_holds")
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("taken", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("lab_slot_holds_pk", ["resource_id", "starts_at"])
    .addCheckConstraint("lab_slot_holds_taken_check", sql`taken >= 0`)
    .execute();

  // Minutes used per person, resource and week (bookings, and no-show penalties carried to the next week).
  await db.schema
    .createTable("lab_quota_usage")
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("week_start", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("lab_quota_usage_pk", ["resource_id", "user_id", "week_start"])
    .addCheckConstraint("lab_quota_usage_minutes_check", sql`minutes >= 0`)
    .execute();

  // A school or community group asks for a room for an event; staff approve (the room is then held) or decline.
  await db.schema
    .createTable("lab_room_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("resource_id", "integer", (c) => c.notNull().references("lab_resources.id").onDelete("cascade"))
    .addColumn("requested_by", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("school_id", "integer", (c) => c.references("schools.id").onDelete("set null"))
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("attendance", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("requested"))
    .addColumn("staff_message", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addCheckConstraint("lab_room_requests_status_check", sql`status in ('requested','approved','declined','cancelled')`)
    .addCheckConstraint("lab_room_requests_check", sql`ends_at > starts_at and attendance >= 1`)
    .execute();
  await db.schema.createIndex("lab_room_requests_status_idx").on("lab_room_requests").columns(["status", "starts_at"]).execute();
  await db.schema.createIndex("lab_room_requests_requester_idx").on("lab_room_requests").columns(["requested_by", "created_at"]).execute();
}

export async function down(): Promise<void> {
  // Forward-only.
}
