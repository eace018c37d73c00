// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Consent between schools and students: a teacher's invitation to a class that the student accepts or declines,
// and the students of a class when a tour booking was confirmed (who get its participation certificates).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("class_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("class_id", "integer", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("student_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addCheckConstraint("class_invitations_status_check", sql`status in ('pending','accepted','declined')`)
    .execute();
  // One invitation per student and class: inviting again re-opens a declined one instead of piling up.
  await db.schema.createIndex("class_invitations_unique").on("class_invitations").columns(["class_id", "student_id"]).unique().execute();
  await db.schema.createIndex("class_invitations_student_idx").on("class_invitations").columns(["student_id", "status", "created_at"]).execute();

  await db.schema
    .createTable("tour_booking_students")
    .addColumn("booking_id", "integer", (c) => c.notNull().references("tour_bookings.id").onDelete("cascade"))
    .addColumn("student_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("tour_booking_students_pk", ["booking_id", "student_id"])
    .execute();
  await db.schema.createIndex("tour_booking_students_student_idx").on("tour_booking_students").columns(["student_id", "booking_id"]).execute();
}
