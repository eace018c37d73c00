// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Issue 16: how many days after a visit the permission slips' medical notes are kept (a centre setting, 1–365).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("centre_settings")
    .addColumn("medical_retention_days", "integer", (c) => c.notNull().defaultTo(30))
    .execute();
}
