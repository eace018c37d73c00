// Frozen once released: Kysely<any>, no imports from app/.
// Issue 14 at 100,000 students: "students served" (distinct students with a confirmed seat at a session, or a
// course enrolment begun or completed, in a period) was an exact distinct count over every such row of the period
// and of the period before (≈ 300k rows for a school year: ≈ 190 ms). A summary per student and school year keeps,
// per program kind, one bit per Vietnam month with such activity (bit 0 = September … bit 11 = August), so a
// month-aligned period is a count of one index range.
//
// Kept exact by the database itself, whatever code path writes: triggers mark the student of every changed
// registration, enrolment or session (its registrants) in `student_served_dirty`; the insights recompute the
// marked students' rows from the source rows before they count (app/insights/served.server.ts). This migration
// marks every student with activity so the first count builds the summary.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // SQLite: the rows live in the primary key's b-tree (WITHOUT ROWID), so a school year's count reads one range.
  await db.schema
    .createTable("student_served_years")
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("course_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("workshop_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("other_months", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("student_served_years_pk", ["school_year", "user_id"])
    .execute();
  await db.schema.createIndex("student_served_years_user_idx").on("student_served_years").column("user_id").execute();
  await db.schema
    .createTable("student_served_dirty")
    .addColumn("user_id", "integer", (c) => c.primaryKey())
    .execute();

  if (postgres) {
    await sql`
      create function student_served_mark() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then
          insert into student_served_dirty (user_id) values (new.user_id) on conflict do nothing;
        end if;
        if tg_op <> 'INSERT' then
          insert into student_served_dirty (user_id) values (old.user_id) on conflict do nothing;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function student_served_mark_session() returns trigger language plpgsql as $$
      begin
        insert into student_served_dirty (user_id)
          select r.user_id from workshop_registrations r where r.session_id = new.id
          on conflict do nothing;
        return null;
      end $$`.execute(db);
    await sql`create trigger student_served_registrations after insert or delete or update of status, session_id, user_id
                on workshop_registrations for each row execute function student_served_mark()`.execute(db);
    await sql`create trigger student_served_enrolments after insert or delete or update of enrolled_at, completed_at, user_id, program_id
                on enrolments for each row execute function student_served_mark()`.execute(db);
    await sql`create trigger student_served_sessions after update of starts_at, status, program_id
                on workshop_sessions for each row execute function student_served_mark_session()`.execute(db);
  } else {
    const mark = (who: "new" | "old") =>
      sql.raw(`insert into student_served_dirty (user_id) values (${who}.user_id) on conflict do nothing;`);
    for (const [table, columns] of [
      ["workshop_registrations", "status, session_id, user_id"],
      ["enrolments", "enrolled_at, completed_at, user_id, program_id"],
    ] as const) {
      const t = sql.raw(table);
      await sql`create trigger ${sql.raw(`student_served_${table}_insert`)} after insert on ${t} begin ${mark("new")} end`.execute(db);
      await sql`create trigger ${sql.raw(`student_served_${table}_delete`)} after delete on ${t} begin ${mark("old")} end`.execute(db);
      await sql`create trigger ${sql.raw(`student_served_${table}_update`)} after update of ${sql.raw(columns)} on ${t}
                  begin ${mark("new")} ${mark("old")} end`.execute(db);
    }
    await sql`create trigger student_served_sessions after update of starts_at, status, program_id on workshop_sessions
                begin
                  insert into student_served_dirty (user_id)
                    select r.user_id from workshop_registrations r where r.session_id = new.id
                    on conflict do nothing;
                end`.execute(db);
  }

  await sql`insert into student_served_dirty (user_id)
              select user_id from workshop_registrations union select user_id from enrolments`.execute(db);
}
