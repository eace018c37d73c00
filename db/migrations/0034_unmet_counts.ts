// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 students: unmet demand for a period of one school year counted that year's rows of
// `unmet_years` (14,448 students) and `unmet_topic_years` (23,178 per kind) on every insights page, 2.3 ms of its
// 8 ms of queries. As `student_served_counts` (0031) does for students served: the number of students per school
// year, program (or kind and topic) and months mask, a few dozen masks a year whatever the number of students; a
// period of one school year sums the masks that overlap it. Kept by the refresh (app/insights/unmet.server.ts): the
// marked students' rows leave the counts before they are recomputed and come back after. Built here from the rows
// as they are.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withoutRowid = <T extends { modifyEnd(s: unknown): T }>(t: T) => (postgres ? t : t.modifyEnd(sql`without rowid`));
  await db.schema
    .createTable("unmet_program_counts")
    .$call(withoutRowid)
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("program_id", "integer", (c) => c.notNull())
    .addColumn("months", "integer", (c) => c.notNull())
    .addColumn("students", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("unmet_program_counts_pk", ["school_year", "program_id", "months"])
    .execute();
  await db.schema
    .createTable("unmet_topic_counts")
    .$call(withoutRowid)
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("months", "integer", (c) => c.notNull())
    .addColumn("students", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("unmet_topic_counts_pk", ["school_year", "kind", "topic", "months"])
    .execute();
  await sql`
    insert into unmet_program_counts (school_year, program_id, months, students)
    select school_year, program_id, months, count(*) from unmet_years group by school_year, program_id, months`.execute(db);
  await sql`
    insert into unmet_topic_counts (school_year, kind, topic, months, students)
    select school_year, kind, topic, months, count(*) from unmet_topic_years group by school_year, kind, topic, months`.execute(db);
}
