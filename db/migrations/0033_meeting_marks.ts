// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 students: the insights' attendance (the rate, weekly, by weekday and by time of day) read
// every attendance mark of the period's meetings and each mark's registration (≈ 18,000 of each for a school year).
// `meeting_marks` keeps, per meeting, the marks of confirmed registrations (attended, absent), so a period reads its
// meetings (a few a day) and one row each; the program filters still join the meeting's session.
//
// Kept exact by the database: triggers mark the meeting of every changed attendance mark, and the meetings marked
// for a registration whose status changes, in `meeting_marks_dirty`; the insights recompute the marked meetings
// before they read (app/insights/daily.server.ts). Every meeting with marks is marked here.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("meeting_marks")
    .addColumn("meeting_id", "integer", (c) => c.primaryKey())
    .addColumn("attended", "integer", (c) => c.notNull())
    .addColumn("absent", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("meeting_marks_dirty")
    .addColumn("meeting_id", "integer", (c) => c.primaryKey())
    .execute();

  const markMeeting = (row: "new" | "old") => `insert into meeting_marks_dirty (meeting_id) values (${row}.meeting_id) on conflict do nothing;`;
  // SQLite: an INSERT … SELECT with ON CONFLICT needs a WHERE clause to parse (it has one).
  const markMeetingsOfRegistration = `insert into meeting_marks_dirty (meeting_id)
       select a.meeting_id from workshop_attendance a where a.registration_id = new.id
     on conflict do nothing;`;

  if (postgres) {
    await sql`
      create function meeting_marks_mark() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' then ${sql.raw(markMeeting("new"))} end if;
        if tg_op <> 'INSERT' then ${sql.raw(markMeeting("old"))} end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function meeting_marks_mark_registration() returns trigger language plpgsql as $$
      begin
        ${sql.raw(markMeetingsOfRegistration)}
        return null;
      end $$`.execute(db);
    await sql`create trigger meeting_marks_attendance after insert or delete or update of status, meeting_id, registration_id
                on workshop_attendance for each row execute function meeting_marks_mark()`.execute(db);
    await sql`create trigger meeting_marks_registrations after update of status
                on workshop_registrations for each row execute function meeting_marks_mark_registration()`.execute(db);
  } else {
    const t = sql.raw("workshop_attendance");
    await sql`create trigger meeting_marks_attendance_insert after insert on ${t} begin ${sql.raw(markMeeting("new"))} end`.execute(db);
    await sql`create trigger meeting_marks_attendance_delete after delete on ${t} begin ${sql.raw(markMeeting("old"))} end`.execute(db);
    await sql`create trigger meeting_marks_attendance_update after update of status, meeting_id, registration_id on ${t}
                begin ${sql.raw(markMeeting("new"))} ${sql.raw(markMeeting("old"))} end`.execute(db);
    await sql`create trigger meeting_marks_registrations after update of status on workshop_registrations
                begin ${sql.raw(markMeetingsOfRegistration)} end`.execute(db);
  }

  await sql`insert into meeting_marks_dirty (meeting_id) select distinct meeting_id from workshop_attendance`.execute(db);
}
