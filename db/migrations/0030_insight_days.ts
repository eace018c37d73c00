// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 students: the staff insights of a school year read every enrolment, completion, certificate
// and registration of the year and the year before (≈ 150 ms of SQL, against ≈ 3 ms at 1,000 students). Those
// figures are sums, so they are kept per Vietnam day and program:
// - `insight_days`: enrolments begun, enrolments completed, certificates issued (still valid / since revoked) and
//   workshop registrations made, per day and program;
// - `insight_funnel_days`: enrolments begun per day and program, by required lessons done and completed or not
//   (the course funnel compares required lessons done with the course's current total, read when counted).
// A period of whole Vietnam days is then a sum over its days' rows, and the kind and topic filters join the few
// programs. Kept exact by the database, whatever code path writes: triggers mark the Vietnam day of every changed
// row's time in `insight_dirty_days`; the insights recompute the marked days from the source rows before they
// read (app/insights/daily.server.ts). This migration marks every day with activity so the first read builds it.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // SQLite: the rows live in the primary key's b-tree (WITHOUT ROWID), so a period reads one range.
  const withoutRowid = <T extends { modifyEnd(s: unknown): T }>(t: T) => (postgres ? t : t.modifyEnd(sql`without rowid`));
  await db.schema
    .createTable("insight_days")
    .$call(withoutRowid)
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("program_id", "integer", (c) => c.notNull())
    .addColumn("enrolled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("completed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("certificates", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("revoked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("registrations", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("insight_days_pk", ["day", "program_id"])
    .execute();
  await db.schema
    .createTable("insight_funnel_days")
    .$call(withoutRowid)
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("program_id", "integer", (c) => c.notNull())
    .addColumn("required_done", "integer", (c) => c.notNull())
    .addColumn("completed", "integer", (c) => c.notNull())
    .addColumn("enrolments", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("insight_funnel_days_pk", ["day", "program_id", "required_done", "completed"])
    .execute();
  await db.schema
    .createTable("insight_dirty_days")
    .addColumn("day", "text", (c) => c.primaryKey())
    .execute();

  // The Vietnam day (UTC+7 all year) of a stored ISO-8601 UTC time; null stays null.
  const vnDay = (column: string) =>
    postgres ? `to_char((${column})::timestamptz at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')` : `date(${column}, '+7 hours')`;
  // Marks the days of the given times (a union, so a day is named once; nulls dropped).
  const markDays = (columns: string[]) =>
    `insert into insight_dirty_days (day)
       select x.day from (${columns.map((c) => `select ${vnDay(c)} as day`).join(" union ")}) x
        where x.day is not null
     on conflict do nothing;`;
  // What each table's rows count in: the times whose days a change touches.
  const enrolmentTimes = (row: string) => [`${row}.enrolled_at`, `${row}.completed_at`];
  const certificateTimes = (row: string) => [`${row}.issued_at`];
  const registrationTimes = (row: string) => [`${row}.created_at`];
  const sessionRegistrations = `insert into insight_dirty_days (day)
       select distinct ${vnDay("r.created_at")} from workshop_registrations r where r.session_id = new.id
     on conflict do nothing;`;
  const tables = [
    ["enrolments", enrolmentTimes, "enrolled_at, completed_at, program_id, required_done"],
    ["certificates", certificateTimes, "issued_at, status, program_id"],
    ["workshop_registrations", registrationTimes, "created_at, session_id"],
  ] as const;

  if (postgres) {
    for (const [table, times, columns] of tables) {
      await sql`
        create function ${sql.raw(`insight_days_mark_${table}`)}() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'DELETE' then
            ${sql.raw(markDays(times("new")))}
          end if;
          if tg_op <> 'INSERT' then
            ${sql.raw(markDays(times("old")))}
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger ${sql.raw(`insight_days_${table}`)} after insert or delete or update of ${sql.raw(columns)}
                  on ${sql.raw(table)} for each row execute function ${sql.raw(`insight_days_mark_${table}`)}()`.execute(db);
    }
    await sql`
      create function insight_days_mark_session() returns trigger language plpgsql as $$
      begin
        ${sql.raw(sessionRegistrations)}
        return null;
      end $$`.execute(db);
    await sql`create trigger insight_days_sessions after update of program_id
                on workshop_sessions for each row execute function insight_days_mark_session()`.execute(db);
  } else {
    for (const [table, times, columns] of tables) {
      const t = sql.raw(table);
      await sql`create trigger ${sql.raw(`insight_days_${table}_insert`)} after insert on ${t}
                  begin ${sql.raw(markDays(times("new")))} end`.execute(db);
      await sql`create trigger ${sql.raw(`insight_days_${table}_delete`)} after delete on ${t}
                  begin ${sql.raw(markDays(times("old")))} end`.execute(db);
      await sql`create trigger ${sql.raw(`insight_days_${table}_update`)} after update of ${sql.raw(columns)} on ${t}
                  begin ${sql.raw(markDays([...times("new"), ...times("old")]))} end`.execute(db);
    }
    await sql`create trigger insight_days_sessions after update of program_id on workshop_sessions
                begin ${sql.raw(sessionRegistrations)} end`.execute(db);
  }

  await sql`insert into insight_dirty_days (day)
              select x.day from (
                select ${sql.raw(vnDay("enrolled_at"))} as day from enrolments
                union select ${sql.raw(vnDay("completed_at"))} from enrolments
                union select ${sql.raw(vnDay("issued_at"))} from certificates
                union select ${sql.raw(vnDay("created_at"))} from workshop_registrations) x
             where x.day is not null`.execute(db);
}
