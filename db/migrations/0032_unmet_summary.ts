// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 students: "unmet demand" (students waitlisted at a program's sessions of the period who never
// got a seat at any session of that program) looked every waitlisted registration of the period up against the
// student's confirmed ones, then counted distinct students per program and per topic (≈ 30 ms for a school year).
// A summary like the students served of 0027/0031: per school year, program and student still without a seat there,
// the months (bits 0–11 September … August, 12–13 the July and August before) of the sessions they wait for
// (`unmet_years`), and the same per topic (`unmet_topic_years`: the union over the topic's programs, of every kind
// ("any") and of each kind, for the kind filter). A period of whole months is then a count of one school year's
// rows per program or topic.
//
// Kept exact by the database: triggers mark the student of every changed registration, the registrants of a
// session that moves (time or program) and those of a program whose topics or kind change in `unmet_dirty`; the insights
// recompute the marked students' rows before they read (app/insights/unmet.server.ts). Every student with a
// registration is marked here so the first read builds the summary.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withoutRowid = <T extends { modifyEnd(s: unknown): T }>(t: T) => (postgres ? t : t.modifyEnd(sql`without rowid`));
  await db.schema
    .createTable("unmet_years")
    .$call(withoutRowid)
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("program_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("months", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("unmet_years_pk", ["school_year", "program_id", "user_id"])
    .execute();
  await db.schema.createIndex("unmet_years_user_idx").on("unmet_years").column("user_id").execute();
  await db.schema
    .createTable("unmet_topic_years")
    .$call(withoutRowid)
    .addColumn("school_year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("months", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("unmet_topic_years_pk", ["school_year", "kind", "topic", "user_id"])
    .execute();
  await db.schema.createIndex("unmet_topic_years_user_idx").on("unmet_topic_years").column("user_id").execute();
  await db.schema
    .createTable("unmet_dirty")
    .addColumn("user_id", "integer", (c) => c.primaryKey())
    .execute();

  const markUser = (row: "new" | "old") => `insert into unmet_dirty (user_id) values (${row}.user_id) on conflict do nothing;`;
  // SQLite: an INSERT … SELECT with ON CONFLICT needs a WHERE clause to parse (both have one here).
  const markSessionRegistrants = `insert into unmet_dirty (user_id)
       select r.user_id from workshop_registrations r where r.session_id = new.id
     on conflict do nothing;`;
  // The registrants of a program: of a program_topics row (new/old), or of the programs row itself.
  const markProgramRegistrants = (row: "new" | "old" | "program") => `insert into unmet_dirty (user_id)
       select r.user_id from workshop_sessions s join workshop_registrations r on r.session_id = s.id
        where s.program_id = ${row === "program" ? "new.id" : `${row}.program_id`}
     on conflict do nothing;`;

  if (postgres) {
    await sql`
      create function unmet_mark_registration() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then ${sql.raw(markUser("new"))} end if;
        if tg_op <> 'INSERT' then ${sql.raw(markUser("old"))} end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function unmet_mark_session() returns trigger language plpgsql as $$
      begin
        ${sql.raw(markSessionRegistrants)}
        return null;
      end $$`.execute(db);
    await sql`
      create function unmet_mark_program_topic() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then ${sql.raw(markProgramRegistrants("new"))} end if;
        if tg_op <> 'INSERT' then ${sql.raw(markProgramRegistrants("old"))} end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger unmet_registrations after insert or delete or update of status, session_id, user_id
                on workshop_registrations for each row execute function unmet_mark_registration()`.execute(db);
    await sql`create trigger unmet_sessions after update of starts_at, program_id
                on workshop_sessions for each row execute function unmet_mark_session()`.execute(db);
    await sql`create trigger unmet_program_topics after insert or delete or update
                on program_topics for each row execute function unmet_mark_program_topic()`.execute(db);
    await sql`
      create function unmet_mark_program() returns trigger language plpgsql as $$
      begin
        ${sql.raw(markProgramRegistrants("program"))}
        return null;
      end $$`.execute(db);
    await sql`create trigger unmet_programs after update of kind
                on programs for each row execute function unmet_mark_program()`.execute(db);
  } else {
    const t = sql.raw("workshop_registrations");
    await sql`create trigger unmet_registrations_insert after insert on ${t} begin ${sql.raw(markUser("new"))} end`.execute(db);
    await sql`create trigger unmet_registrations_delete after delete on ${t} begin ${sql.raw(markUser("old"))} end`.execute(db);
    await sql`create trigger unmet_registrations_update after update of status, session_id, user_id on ${t}
                begin ${sql.raw(markUser("new"))} ${sql.raw(markUser("old"))} end`.execute(db);
    await sql`create trigger unmet_sessions after update of starts_at, program_id on workshop_sessions
                begin ${sql.raw(markSessionRegistrants)} end`.execute(db);
    await sql`create trigger unmet_program_topics_insert after insert on program_topics begin ${sql.raw(markProgramRegistrants("new"))} end`.execute(db);
    await sql`create trigger unmet_program_topics_delete after delete on program_topics begin ${sql.raw(markProgramRegistrants("old"))} end`.execute(db);
    await sql`create trigger unmet_program_topics_update after update on program_topics
                begin ${sql.raw(markProgramRegistrants("new"))} ${sql.raw(markProgramRegistrants("old"))} end`.execute(db);
    await sql`create trigger unmet_programs after update of kind on programs
                begin ${sql.raw(markProgramRegistrants("program"))} end`.execute(db);
  }

  await sql`insert into unmet_dirty (user_id) select distinct user_id from workshop_registrations`.execute(db);
}
