// Frozen once released: Kysely<any>, no imports from app/.
// Issues 14 and 17 at 100,000 students: indexes that let the insights and the course report read only an index.
// - The course funnel reads the period's enrolments with the learner's stored count of required lessons done
//   (`required_done`, migration 0012), so the period index of migration 0014 carries it too (it replaces it).
// - Students served leave out a completion in the same period as its enrolment: the completion index carries
//   the enrolment time too (it replaces 0014's).
// - The staff course report counts its learners per number of required lessons done from an index alone, in its
//   order (no sort): the course's index (program, status) carries the counter and the completion time (replaced).
// - Its "last activity" and "completed" orders put missing times last: indexes on the same expression the report
//   orders by (app/courses/report.server.ts, `missingLast`), so a page is read in index order; only equal times
//   are sorted by name.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("enrolments_enrolled_idx").execute();
  await db.schema
    .createIndex("enrolments_enrolled_idx")
    .on("enrolments")
    .columns(["enrolled_at", "program_id", "user_id", "completed_at", "required_done"])
    .execute();
  await db.schema.dropIndex("enrolments_completed_idx").execute();
  await db.schema.createIndex("enrolments_completed_idx").on("enrolments").columns(["completed_at", "program_id", "user_id", "enrolled_at"]).execute();
  await db.schema.dropIndex("enrolments_program_idx").execute();
  await db.schema.createIndex("enrolments_program_idx").on("enrolments").columns(["program_id", "status", "required_done", "completed_at"]).execute();
  for (const column of ["last_activity_at", "completed_at"]) {
    await db.schema
      .createIndex(`enrolments_report_${column === "completed_at" ? "completed" : "activity"}_idx`)
      .on("enrolments")
      .columns(["program_id", "status"])
      .expression(sql`(case when ${sql.ref(column)} is null then 1 else 0 end)`)
      .column(column)
      .execute();
  }
}
