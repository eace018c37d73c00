// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 students: the students' summary of migration 0027 still read one row per student of a school
// year for a count (≈ 4 ms for 64,000 rows), a distinct count over two school years' rows for the quarter from July
// to September (≈ 25 ms), "schools served" looked a school's members up one by one (a school nobody of which was
// served read all of its members: ≈ 30 ms for a quarter), and a topic filter counted the period's source rows
// (≈ 130 ms for a school year). Four changes:
// - The students' rows get bits 12 and 13: the July and August just before the school year (a student served in
//   July has a row in the next school year too), so that quarter is one school year's rows. The rows are rebuilt
//   (every student with activity is marked, as in 0027).
// - `student_served_topic_years`: the same rows per topic (the student's months at programs of that topic).
// - `student_served_counts`: the number of students per school year, topic ('' = any topic), kind ("any",
//   "course", "workshop", "other") and mask; a period of one school year sums the masks that overlap it (a few
//   hundred rows, whatever the number of students). Kept by the refresh: the marked students' rows leave the counts
//   before they are recomputed and come back after.
// - `school_served_years`: per school, school year and topic ('' = any), the union of its members' months, so a
//   school is one primary-key look-up. Triggers mark the school of every class whose members change (a member joins
//   or leaves, a class moves to another school or is deleted) in `school_served_dirty`; the refresh marks the
//   schools of the students it recomputes, then recomputes the marked schools from their members' rows
//   (app/insights/served.server.ts). Every school is marked here so the first count builds it.
// A program whose topics or kind change marks its students (registrations and enrolments) for the refresh.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withoutRowid = <T extends { modifyEnd(s: unknown): T }>(t: T) => (postgres ? t : t.modifyEnd(sql`without rowid`));
  await db.schema
    .createTable("student_served_topic_years")
    .$call(withoutRowid)
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("course_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("workshop_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("other_months", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("student_served_topic_years_pk", ["school_year", "topic", "user_id"])
    .execute();
  await db.schema.createIndex("student_served_topic_years_user_idx").on("student_served_topic_years").column("user_id").execute();
  await db.schema
    .createTable("school_served_years")
    .$call(withoutRowid)
    .addColumn("school_id", "integer", (c) => c.notNull())
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("course_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("workshop_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("other_months", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("school_served_years_pk", ["school_id", "school_year", "topic"])
    .execute();
  await db.schema
    .createTable("student_served_counts")
    .$call(withoutRowid)
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mask", "integer", (c) => c.notNull())
    .addColumn("students", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("student_served_counts_pk", ["school_year", "topic", "kind", "mask"])
    .execute();
  await db.schema
    .createTable("school_served_dirty")
    .addColumn("school_id", "integer", (c) => c.primaryKey())
    .execute();

  const markSchoolOfClass = (row: "new" | "old") =>
    `insert into school_served_dirty (school_id) select c.school_id from classes c where c.id = ${row}.class_id on conflict do nothing;`;
  const markSchool = (row: "new" | "old") => `insert into school_served_dirty (school_id) values (${row}.school_id) on conflict do nothing;`;
  // The students of a program (a program_topics row's, or the programs row's own): seats and enrolments.
  const markProgramStudents = (program: string) => `insert into student_served_dirty (user_id)
       select r.user_id from workshop_sessions s join workshop_registrations r on r.session_id = s.id where s.program_id = ${program}
       union select e.user_id from enrolments e where e.program_id = ${program}
     on conflict do nothing;`;

  if (postgres) {
    await sql`
      create function school_served_mark_member() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then ${sql.raw(markSchoolOfClass("new"))} end if;
        if tg_op <> 'INSERT' then ${sql.raw(markSchoolOfClass("old"))} end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function school_served_mark_class() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then ${sql.raw(markSchool("new"))} end if;
        ${sql.raw(markSchool("old"))}
        return null;
      end $$`.execute(db);
    await sql`create trigger school_served_members after insert or delete or update of class_id, student_id
                on class_members for each row execute function school_served_mark_member()`.execute(db);
    await sql`create trigger school_served_classes after delete or update of school_id
                on classes for each row execute function school_served_mark_class()`.execute(db);
    await sql`
      create function student_served_mark_program_topic() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then ${sql.raw(markProgramStudents("new.program_id"))} end if;
        if tg_op <> 'INSERT' then ${sql.raw(markProgramStudents("old.program_id"))} end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function student_served_mark_program() returns trigger language plpgsql as $$
      begin
        ${sql.raw(markProgramStudents("new.id"))}
        return null;
      end $$`.execute(db);
    await sql`create trigger student_served_program_topics after insert or delete or update
                on program_topics for each row execute function student_served_mark_program_topic()`.execute(db);
    await sql`create trigger student_served_programs after update of kind
                on programs for each row execute function student_served_mark_program()`.execute(db);
  } else {
    // SQLite: an INSERT … SELECT with ON CONFLICT needs a WHERE clause to parse.
    const markOfClass = (row: "new" | "old") => sql.raw(markSchoolOfClass(row).replace(" on conflict", " and 1 = 1 on conflict"));
    await sql`create trigger school_served_members_insert after insert on class_members begin ${markOfClass("new")} end`.execute(db);
    await sql`create trigger school_served_members_delete after delete on class_members begin ${markOfClass("old")} end`.execute(db);
    await sql`create trigger school_served_members_update after update of class_id, student_id on class_members
                begin ${markOfClass("new")} ${markOfClass("old")} end`.execute(db);
    await sql`create trigger school_served_classes_update after update of school_id on classes
                begin ${sql.raw(markSchool("new"))} ${sql.raw(markSchool("old"))} end`.execute(db);
    await sql`create trigger school_served_classes_delete after delete on classes begin ${sql.raw(markSchool("old"))} end`.execute(db);
    const pt = sql.raw("program_topics");
    await sql`create trigger student_served_program_topics_insert after insert on ${pt} begin ${sql.raw(markProgramStudents("new.program_id"))} end`.execute(db);
    await sql`create trigger student_served_program_topics_delete after delete on ${pt} begin ${sql.raw(markProgramStudents("old.program_id"))} end`.execute(db);
    await sql`create trigger student_served_program_topics_update after update on ${pt}
                begin ${sql.raw(markProgramStudents("new.program_id"))} ${sql.raw(markProgramStudents("old.program_id"))} end`.execute(db);
    await sql`create trigger student_served_programs after update of kind on programs
                begin ${sql.raw(markProgramStudents("new.id"))} end`.execute(db);
  }

  await sql`delete from student_served_years`.execute(db);
  await sql`insert into student_served_dirty (user_id)
              select x.user_id from (select user_id from workshop_registrations union select user_id from enrolments) x
               where 1 = 1
              on conflict do nothing`.execute(db);
  await sql`insert into school_served_dirty (school_id) select id from schools`.execute(db);
}
