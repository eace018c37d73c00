// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Day-of check-in (issue 16): when a participant of a class tour was checked in, and by whom.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tour_booking_students").addColumn("checked_in_at", "text").execute();
  await db.schema.alterTable("tour_booking_students").addColumn("checked_in_by", "integer", (c) => c.references("users.id").onDelete("set null")).execute();
}
