// Frozen once released: Kysely<any>, no imports from app/.
// Indexes for the staff insights (app/insights): every aggregate of a period starts from a range on a time
// column, so those columns are indexed where no index led with them yet.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Covering: the period's enrolments are counted without reading the table (1,000,000-row scale).
  await db.schema.createIndex("enrolments_enrolled_idx").on("enrolments").columns(["enrolled_at", "program_id", "user_id", "completed_at"]).execute();
  await db.schema.createIndex("enrolments_completed_idx").on("enrolments").columns(["completed_at", "program_id", "user_id"]).execute();
  await db.schema.createIndex("certificates_period_idx").on("certificates").columns(["issued_at", "status", "program_id", "user_id"]).execute();
  await db.schema.createIndex("certificates_revoked_idx").on("certificates").columns(["status", "revoked_at"]).execute();
  await db.schema.createIndex("workshop_registrations_created_idx").on("workshop_registrations").columns(["created_at", "session_id"]).execute();
}
