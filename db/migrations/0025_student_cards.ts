// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Student cards (issue 16, day-of check-in by QR): one opaque random card code per student, printed as a QR on the
// student's card. It only identifies the student to a signed-in staff member or teacher on the check-in page; it
// grants nothing by itself. Stored in clear (it is not a secret key: it is printed), unique, replaced on demand.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("student_cards")
    .addColumn("student_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("issued_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("student_cards_code_unique").on("student_cards").column("code").unique().execute();
}
