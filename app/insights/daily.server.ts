// The insights' sums per Vietnam day and program (issue 17, migration 0030): enrolments begun and completed,
// certificates issued (valid, revoked), registrations made, and the course funnel's enrolments by required lessons
// done; and per meeting, the attendance marks of confirmed registrations (0033). Triggers mark the days (meetings)
// whose source rows changed; `refreshDailySummary` recomputes exactly those from the source rows (one range of each
// time index per day) and returns the proof the queries ask for, so a figure can only be read from the summary
// after a refresh in the same request. Periods of whole Vietnam days without a school filter read the day sums,
// any period without a school filter the meetings' marks (queries.server.ts); anything else the source rows.
import { sql } from "kysely";
import { inTransaction, type DB } from "~/lib/db.server";
import { lockTableForWriters, vnDayStartIso } from "~/lib/dialect.server";
import { isoToVnLocal, vnLocalToIso } from "~/lib/time";

declare const refreshed: unique symbol;
/** Proof that the day summary was brought up to date in this request (only `refreshDailySummary` makes one). */
export type DailySummary = { readonly [refreshed]: true };

/** A period's bounds as Vietnam days ([from, to), "YYYY-MM-DD"), or null when a bound is not a Vietnam midnight. */
export function vnDays<T extends { [K in keyof T]: string }>(bounds: T): T | null {
  const out: Record<string, string> = {};
  for (const [key, iso] of Object.entries<string>(bounds)) {
    const { date } = isoToVnLocal(iso);
    if (vnLocalToIso(date, "00:00") !== iso) return null;
    out[key] = date;
  }
  return out as T;
}

/**
 * Recomputes the summary rows of every marked day, and the marks of every marked meeting, then clears the marks:
 * eight statements whatever the numbers (nothing to do when none is marked). On PostgreSQL writers that would mark
 * a day or a meeting wait for this transaction (the marks tables are locked first), so no change slips between the
 * recount and the clearing; SQLite runs one write transaction at a time.
 */
export async function refreshDailySummary(db: DB): Promise<DailySummary> {
  await inTransaction(db, async (trx) => {
    await lockTableForWriters(trx, "insight_dirty_days");
    await lockTableForWriters(trx, "meeting_marks_dirty");
    const marked = sql`(select d.day from insight_dirty_days d)`;
    // A marked day's rows of one source table: a range of the table's time index per day.
    const onDay = (column: string) => sql`${sql.ref(column)} >= ${vnDayStartIso(trx, sql.ref("d.day"))} and ${sql.ref(column)} < ${vnDayStartIso(trx, sql.ref("d.day"), 1)}`;
    await sql`delete from insight_days where day in ${marked}`.execute(trx);
    await sql`
      insert into insight_days (day, program_id, enrolled, completed, certificates, revoked, registrations)
      select x.day, x.program_id, sum(x.enrolled), sum(x.completed), sum(x.certificates), sum(x.revoked), sum(x.registrations)
        from (select d.day, e.program_id, count(*) as enrolled, 0 as completed, 0 as certificates, 0 as revoked, 0 as registrations
                from insight_dirty_days d cross join enrolments e
               where ${onDay("e.enrolled_at")}
               group by d.day, e.program_id
              union all
              select d.day, e.program_id, 0, count(*), 0, 0, 0
                from insight_dirty_days d cross join enrolments e
               where ${onDay("e.completed_at")}
               group by d.day, e.program_id
              union all
              select d.day, ce.program_id, 0, 0, sum(case when ce.status = 'valid' then 1 else 0 end),
                     sum(case when ce.status = 'revoked' then 1 else 0 end), 0
                from insight_dirty_days d cross join certificates ce
               where ${onDay("ce.issued_at")}
               group by d.day, ce.program_id
              union all
              select d.day, s.program_id, 0, 0, 0, 0, count(*)
                from insight_dirty_days d cross join workshop_registrations r
                join workshop_sessions s on s.id = r.session_id
               where ${onDay("r.created_at")}
               group by d.day, s.program_id) x
       group by x.day, x.program_id`.execute(trx);
    await sql`delete from insight_funnel_days where day in ${marked}`.execute(trx);
    const completed = sql`case when e.completed_at is null then 0 else 1 end`;
    await sql`
      insert into insight_funnel_days (day, program_id, required_done, completed, enrolments)
      select d.day, e.program_id, e.required_done, ${completed}, count(*)
        from insight_dirty_days d cross join enrolments e
       where ${onDay("e.enrolled_at")}
       group by d.day, e.program_id, e.required_done, ${completed}`.execute(trx);
    await sql`delete from insight_dirty_days`.execute(trx);

    // Attendance marks of confirmed registrations per meeting (migration 0033).
    await sql`delete from meeting_marks where meeting_id in (select d.meeting_id from meeting_marks_dirty d)`.execute(trx);
    await sql`
      insert into meeting_marks (meeting_id, attended, absent)
      select d.meeting_id, sum(case when a.status = 'attended' then 1 else 0 end), sum(case when a.status = 'absent' then 1 else 0 end)
        from meeting_marks_dirty d
        cross join workshop_attendance a
        join workshop_registrations r on r.id = a.registration_id
       where a.meeting_id = d.meeting_id and r.status = 'confirmed'
       group by d.meeting_id`.execute(trx);
    await sql`delete from meeting_marks_dirty`.execute(trx);
  });
  return {} as DailySummary;
}
