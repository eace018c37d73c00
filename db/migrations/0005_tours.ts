// Experience tours booked by schools: tour settings, adult ratios, time slots, bookings, reference counters.
// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A tour is a program of kind 'tour'; this row holds what only tours have.
  await db.schema
    .createTable("tours")
    .addColumn("program_id", "integer", (c) => c.primaryKey().references("programs.id").onDelete("cascade"))
    .addColumn("duration_minutes", "integer", (c) => c.notNull().defaultTo(120))
    .addColumn("activities_vi", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("activities_en", "text")
    .addColumn("group_min", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("group_max", "integer", (c) => c.notNull().defaultTo(45))
    .addColumn("cancel_days_before", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("participation_certificates", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("tours_group_check", sql`group_min >= 1 and group_max >= group_min`)
    .addCheckConstraint("tours_duration_check", sql`duration_minutes > 0`)
    .addCheckConstraint("tours_cancel_check", sql`cancel_days_before >= 0`)
    .execute();

  // Required accompanying adults by grade band: the strictest rule matching the booking's grades applies.
  await db.schema
    .createTable("tour_ratio_rules")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("grade_min", "integer", (c) => c.notNull())
    .addColumn("grade_max", "integer", (c) => c.notNull())
    .addColumn("students_per_adult", "integer", (c) => c.notNull())
    .addCheckConstraint("tour_ratio_rules_check", sql`students_per_adult >= 1 and grade_max >= grade_min`)
    .execute();
  await db.schema.createIndex("tour_ratio_rules_program_idx").on("tour_ratio_rules").columns(["program_id", "grade_min"]).execute();

  // held_students: seats held by requested + confirmed bookings, kept by conditional updates.
  await db.schema
    .createTable("tour_slots")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("capacity_students", "integer", (c) => c.notNull())
    .addColumn("held_students", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("tour_slots_status_check", sql`status in ('open','cancelled')`)
    .addCheckConstraint("tour_slots_capacity_check", sql`held_students >= 0 and held_students <= capacity_students`)
    .addCheckConstraint("tour_slots_time_check", sql`ends_at > starts_at`)
    .execute();
  // Two slots of one tour never start at the same moment (recurring generation is idempotent).
  await db.schema.createIndex("tour_slots_program_start_unique").on("tour_slots").columns(["program_id", "starts_at"]).unique().execute();
  await db.schema.createIndex("tour_slots_start_idx").on("tour_slots").column("starts_at").execute();

  await db.schema
    .createTable("tour_bookings")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("slot_id", "integer", (c) => c.notNull().references("tour_slots.id"))
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id"))
    .addColumn("school_id", "integer", (c) => c.notNull().references("schools.id"))
    .addColumn("booked_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("class_id", "integer", (c) => c.references("classes.id").onDelete("set null"))
    .addColumn("students", "integer", (c) => c.notNull())
    .addColumn("grade_min", "integer", (c) => c.notNull())
    .addColumn("grade_max", "integer", (c) => c.notNull())
    .addColumn("adults", "integer", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull())
    .addColumn("accessibility_needs", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("requested"))
    .addColumn("staff_message", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("actual_students", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("completed_at", "text")
    .addCheckConstraint(
      "tour_bookings_status_check",
      sql`status in ('requested','confirmed','declined','cancelled','completed')`,
    )
    .addCheckConstraint("tour_bookings_counts_check", sql`students >= 1 and adults >= 0 and grade_max >= grade_min`)
    .execute();
  await db.schema.createIndex("tour_bookings_reference_unique").on("tour_bookings").column("reference").unique().execute();
  await db.schema.createIndex("tour_bookings_school_idx").on("tour_bookings").columns(["school_id", "created_at"]).execute();
  await db.schema.createIndex("tour_bookings_status_idx").on("tour_bookings").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("tour_bookings_slot_idx").on("tour_bookings").columns(["slot_id", "status"]).execute();
  await db.schema.createIndex("tour_bookings_class_idx").on("tour_bookings").columns(["class_id", "status"]).execute();
  await db.schema.createIndex("tour_bookings_booker_idx").on("tour_bookings").column("booked_by").execute();
  // A double submit cannot book the same slot twice for one booker while the first booking is active.
  await db.schema
    .createIndex("tour_bookings_active_unique")
    .on("tour_bookings")
    .columns(["slot_id", "booked_by"])
    .unique()
    .where(sql<boolean>`status in ('requested', 'confirmed')`)
    .execute();

  // Per-year sequences for human references (TQ-2026-0042), allocated inside the booking's transaction.
  await db.schema
    .createTable("tour_reference_counters")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("last_value", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  // Forward-only.
}
