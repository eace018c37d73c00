// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 students: the staff course report's histogram, total and number completed counted the
// course's learners on every page (one GROUP BY over ≈ 21,000 index entries, 2.8 ms of the report's 3.5 ms of SQL,
// against 0.1 ms at 1,000 students). The counts are kept instead, per course, enrolment status and number of
// required lessons done: learners, and those of them who completed. Kept exact by the database in the same
// transaction as every change to an enrolment, whatever code path writes it (a completion, a withdrawal, an
// account deleted with its enrolments): triggers take the old row's contribution away and add the new row's. On
// PostgreSQL the two rows an update touches are changed in key order, so two updates moving learners in opposite
// directions cannot wait on each other. Rows that fall to 0 stay (a few per course). Built here from the rows as
// they are.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withoutRowid = <T extends { modifyEnd(s: unknown): T }>(t: T) => (postgres ? t : t.modifyEnd(sql`without rowid`));
  await db.schema
    .createTable("course_progress_counts")
    .$call(withoutRowid)
    .addColumn("program_id", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("required_done", "integer", (c) => c.notNull())
    .addColumn("learners", "integer", (c) => c.notNull())
    .addColumn("completed", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("course_progress_counts_pk", ["program_id", "status", "required_done"])
    .execute();
  await sql`
    insert into course_progress_counts (program_id, status, required_done, learners, completed)
    select program_id, status, required_done, count(*), count(completed_at) from enrolments
     group by program_id, status, required_done`.execute(db);

  const done = (row: "new" | "old") => `(case when ${row}.completed_at is null then 0 else 1 end)`;
  const add = (row: "new" | "old") => `
    insert into course_progress_counts (program_id, status, required_done, learners, completed)
    values (${row}.program_id, ${row}.status, ${row}.required_done, 1, ${done(row)})
    on conflict (program_id, status, required_done)
    do update set learners = course_progress_counts.learners + 1, completed = course_progress_counts.completed + excluded.completed;`;
  const remove = (row: "new" | "old") => `
    update course_progress_counts set learners = learners - 1, completed = completed - ${done(row)}
     where program_id = ${row}.program_id and status = ${row}.status and required_done = ${row}.required_done;`;
  const columns = "program_id, status, required_done, completed_at";

  if (postgres) {
    await sql`
      create function course_progress_counts_track() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${sql.raw(add("new"))}
        elsif tg_op = 'DELETE' then
          ${sql.raw(remove("old"))}
        elsif (old.program_id, old.status, old.required_done) <= (new.program_id, new.status, new.required_done) then
          ${sql.raw(remove("old"))}
          ${sql.raw(add("new"))}
        else
          ${sql.raw(add("new"))}
          ${sql.raw(remove("old"))}
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger course_progress_counts after insert or delete or update of ${sql.raw(columns)}
                on enrolments for each row execute function course_progress_counts_track()`.execute(db);
  } else {
    await sql`create trigger course_progress_counts_insert after insert on enrolments begin ${sql.raw(add("new"))} end`.execute(db);
    await sql`create trigger course_progress_counts_delete after delete on enrolments begin ${sql.raw(remove("old"))} end`.execute(db);
    await sql`create trigger course_progress_counts_update after update of ${sql.raw(columns)} on enrolments
                begin ${sql.raw(remove("old"))} ${sql.raw(add("new"))} end`.execute(db);
  }
}
