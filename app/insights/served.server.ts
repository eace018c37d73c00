// "Students served" at scale (issue 14): a summary per student and school year with one bit per Vietnam month of
// activity, per program kind (migration 0027). Triggers mark the students whose registrations, enrolments or
// sessions changed; `refreshServedSummary` recomputes exactly those students' rows from the source rows before a
// count. A month-aligned period of one school year is then `count(*)` over one index range; a period over two
// school years a distinct count over the few rows of those years; anything else (days inside a month, a topic)
// is counted from the source rows (queries.server.ts).
import { sql, type RawBuilder } from "kysely";
import type { ProgramKind } from "#db/schema";
import { inTransaction, type DB } from "~/lib/db.server";
import { lockTableForWriters, vnLocalPrefix } from "~/lib/dialect.server";
import { isoToVnLocal } from "~/lib/time";

/** A period as masks of months per school year, or null when it does not start and end on a month's first day. */
export function schoolYearMasks(from: string, to: string): { schoolYear: number; mask: number }[] | null {
  const a = isoToVnLocal(from);
  const b = isoToVnLocal(to);
  if (a.time !== "00:00" || b.time !== "00:00" || !a.date.endsWith("-01") || !b.date.endsWith("-01")) return null;
  let [y, m] = a.date.split("-").map(Number);
  const [ey, em] = b.date.split("-").map(Number);
  const masks = new Map<number, number>();
  while (y * 12 + m < ey * 12 + em) {
    const schoolYear = m >= 9 ? y : y - 1;
    masks.set(schoolYear, (masks.get(schoolYear) ?? 0) | (1 << ((m + 3) % 12)));
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return [...masks].map(([schoolYear, mask]) => ({ schoolYear, mask }));
}

/** The month bits of the summary row that a kind filter reads. */
function monthsOf(kind: ProgramKind | undefined): RawBuilder<number> {
  if (kind === "course") return sql<number>`sm.course_months`;
  if (kind === "workshop") return sql<number>`sm.workshop_months`;
  if (kind) return sql<number>`sm.other_months`;
  return sql<number>`(sm.course_months | sm.workshop_months | sm.other_months)`;
}

/**
 * A scalar subquery: distinct students served in [from, to) by the summary, or null when the summary cannot
 * answer (see the module comment). Call `refreshServedSummary` first in the same request.
 */
export function servedFromSummary(from: string, to: string, kind: ProgramKind | undefined): RawBuilder<number> | null {
  const masks = schoolYearMasks(from, to);
  if (!masks) return null;
  if (masks.length === 0) return sql<number>`0`;
  const bits = monthsOf(kind);
  if (masks.length === 1) {
    const [{ schoolYear, mask }] = masks;
    return sql<number>`(select count(*) from student_served_years sm where sm.school_year = ${schoolYear} and (${bits} & ${mask}) <> 0)`;
  }
  const any = sql.join(
    masks.map(({ schoolYear, mask }) => sql`(sm.school_year = ${schoolYear} and (${bits} & ${mask}) <> 0)`),
    sql` or `,
  );
  return sql<number>`(select count(distinct sm.user_id) from student_served_years sm
                       where sm.school_year between ${masks[0].schoolYear} and ${masks[masks.length - 1].schoolYear} and (${any}))`;
}

/** Whether the student (a column) was served in [from, to), by the summary: one primary-key look-up per school year. */
export function wasServedBySummary(userColumn: string, from: string, to: string, kind: ProgramKind | undefined): RawBuilder<boolean> | null {
  const masks = schoolYearMasks(from, to);
  if (!masks) return null;
  if (masks.length === 0) return sql<boolean>`1 = 0`;
  const bits = monthsOf(kind);
  const any = sql.join(
    masks.map(
      ({ schoolYear, mask }) =>
        sql`exists (select 1 from student_served_years sm where sm.school_year = ${schoolYear} and sm.user_id = ${sql.ref(userColumn)} and (${bits} & ${mask}) <> 0)`,
    ),
    sql` or `,
  );
  return sql<boolean>`(${any})`;
}

/**
 * Recomputes the summary rows of every marked student, then clears the marks: three statements whatever the
 * number of students (nothing to do when none is marked). On PostgreSQL writers that would mark a student wait
 * for this transaction (the marks table is locked first), so no change slips between the recount and the clearing;
 * SQLite runs one write transaction at a time.
 */
export async function refreshServedSummary(db: DB): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockTableForWriters(trx, "student_served_dirty");
    const marked = sql`(select d.user_id from student_served_dirty d)`;
    await sql`delete from student_served_years where user_id in ${marked}`.execute(trx);
    const month = (column: string) => vnLocalPrefix(trx, sql.ref(column), "month");
    const year = sql`cast(substr(x.lm, 1, 4) as integer)`;
    const mon = sql`cast(substr(x.lm, 6, 2) as integer)`;
    await sql`
      insert into student_served_years (school_year, user_id, course_months, workshop_months, other_months)
      select ev.school_year, ev.user_id,
             sum(case when ev.kind = 'course' then ev.bit else 0 end),
             sum(case when ev.kind = 'workshop' then ev.bit else 0 end),
             sum(case when ev.kind in ('course', 'workshop') then 0 else ev.bit end)
        from (select distinct x.user_id, x.kind,
                     case when ${mon} >= 9 then ${year} else ${year} - 1 end as school_year,
                     1 << ((${mon} + 3) % 12) as bit
                from (select r.user_id, p.kind, ${month("s.starts_at")} as lm
                        from workshop_registrations r
                        join workshop_sessions s on s.id = r.session_id
                        join programs p on p.id = s.program_id
                       where r.user_id in ${marked} and r.status = 'confirmed' and s.status = 'scheduled'
                      union all
                      select e.user_id, p.kind, ${month("e.enrolled_at")}
                        from enrolments e join programs p on p.id = e.program_id
                       where e.user_id in ${marked}
                      union all
                      select e.user_id, p.kind, ${month("e.completed_at")}
                        from enrolments e join programs p on p.id = e.program_id
                       where e.user_id in ${marked} and e.completed_at is not null) x) ev
       group by ev.school_year, ev.user_id`.execute(trx);
    await sql`delete from student_served_dirty`.execute(trx);
  });
}
