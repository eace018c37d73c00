// "Students served" at scale (issues 14 and 17): a summary per student and school year with one bit per Vietnam
// month of activity, per program kind (migration 0027): bit 0 = September … bit 11 = August, and (0031) bits 12 and
// 13 = the July and August just before the school year, so that a quarter from July to September is one school
// year's rows too. Triggers mark the students whose registrations, enrolments or sessions changed;
// `refreshServedSummary` recomputes exactly those students' rows from the source rows before a count, and keeps
// summaries built on them (0031): the same rows per topic (`student_served_topic_years`), the number of students
// per school year, topic, kind and mask (`student_served_counts`: a period of one school year sums the few masks that
// overlap it) and per school the union of its members' months (`school_served_years`: "schools served" is a
// primary-key look-up per school). A period over two school years is a distinct count over those years' rows;
// anything else (days inside a month, a school filter) is counted from the source rows (queries.server.ts).
import { sql, type RawBuilder } from "kysely";
import type { ProgramKind } from "#db/schema";
import { inTransaction, type DB } from "~/lib/db.server";
import { lockTableForWriters, vnLocalPrefix } from "~/lib/dialect.server";
import { isoToVnLocal } from "~/lib/time";

/**
 * A period as masks of months per school year, or null when it does not start and end on a month's first day.
 * July and August followed by months of the next school year are that year's bits 12 and 13 (one row per student).
 */
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
  const years = [...masks].map(([schoolYear, mask]) => ({ schoolYear, mask }));
  if (years.length === 2 && (years[0].mask & ~SUMMER) === 0) {
    // Only July and/or August of the first school year: the second year's "before" bits say the same.
    return [{ schoolYear: years[1].schoolYear, mask: years[1].mask | (years[0].mask << 2) }];
  }
  return years;
}

/**
 * The condition "a summary row of one of these school years whose months overlap that year's mask", from the row's
 * school-year column and its months expression (served and unmet summaries alike).
 */
export function overlapsSchoolYearMasks(
  masks: { schoolYear: number; mask: number }[],
  schoolYearColumn: string,
  months: RawBuilder<number>,
): RawBuilder<boolean> {
  if (masks.length === 0) return sql<boolean>`1 = 0`;
  const any = masks.map(({ schoolYear, mask }) => sql`(${sql.ref(schoolYearColumn)} = ${schoolYear} and (${months} & ${mask}) <> 0)`);
  return sql<boolean>`(${sql.join(any, sql` or `)})`;
}

/** July (bit 10) and August (bit 11) of a school year; shifted by 2 they are the next year's bits 12 and 13. */
const SUMMER = (1 << 10) | (1 << 11);

/** The month bits of a summary row (students' or schools', by its alias) that a kind filter reads. */
function monthsOf(kind: ProgramKind | undefined, alias = "sm"): RawBuilder<number> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  if (kind === "course") return sql<number>`${col("course_months")}`;
  if (kind === "workshop") return sql<number>`${col("workshop_months")}`;
  if (kind) return sql<number>`${col("other_months")}`;
  return sql<number>`(${col("course_months")} | ${col("workshop_months")} | ${col("other_months")})`;
}

/** The kinds a count is kept for: any program, or one kind (`other` = tours and anything else). */
type CountKind = "any" | "course" | "workshop" | "other";
const countKindOf = (kind: ProgramKind | undefined): CountKind => (kind === "course" || kind === "workshop" ? kind : kind ? "other" : "any");

/**
 * A scalar subquery: distinct students served in [from, to) (at programs of the topic, when given) by the summary,
 * or null when the summary cannot answer (see the module comment). Call `refreshServedSummary` first in the same
 * request.
 */
export function servedFromSummary(from: string, to: string, kind: ProgramKind | undefined, topic?: string): RawBuilder<number> | null {
  const masks = schoolYearMasks(from, to);
  if (!masks) return null;
  if (masks.length === 0) return sql<number>`0`;
  if (masks.length === 1) {
    const [{ schoolYear, mask }] = masks;
    return sql<number>`(select coalesce(sum(sc.students), 0) from student_served_counts sc
                         where sc.school_year = ${schoolYear} and sc.topic = ${topic ?? ""} and sc.kind = ${countKindOf(kind)}
                           and (sc.mask & ${mask}) <> 0)`;
  }
  const any = overlapsSchoolYearMasks(masks, "sm.school_year", monthsOf(kind));
  const rows = topic === undefined ? sql`student_served_years sm where 1 = 1` : sql`student_served_topic_years sm where sm.topic = ${topic}`;
  return sql<number>`(select count(distinct sm.user_id) from ${rows}
                        and sm.school_year between ${masks[0].schoolYear} and ${masks[masks.length - 1].schoolYear} and ${any})`;
}

/**
 * Whether a school (a column) had a member served in [from, to) (at programs of the topic, when given), by the
 * schools' summary (migration 0031): one primary-key look-up per school year; null when the period is not whole
 * months. Refresh first.
 */
export function schoolServedBySummary(
  schoolColumn: string,
  from: string,
  to: string,
  kind: ProgramKind | undefined,
  topic?: string,
): RawBuilder<boolean> | null {
  const masks = schoolYearMasks(from, to);
  if (!masks) return null;
  if (masks.length === 0) return sql<boolean>`1 = 0`;
  const bits = monthsOf(kind, "ss");
  const any = sql.join(
    masks.map(
      ({ schoolYear, mask }) =>
        sql`exists (select 1 from school_served_years ss
                     where ss.school_id = ${sql.ref(schoolColumn)} and ss.school_year = ${schoolYear} and ss.topic = ${topic ?? ""}
                       and (${bits} & ${mask}) <> 0)`,
    ),
    sql` or `,
  );
  return sql<boolean>`(${any})`;
}

/**
 * The distinct (keys…, school_year, bit) of the rows of a CTE `source` that has the keys and `lm`, a Vietnam month
 * ("2026-10"): the month's bit in its school year, and July and August again as the next school year's bits 12–13.
 */
export function schoolYearBits(source: string, keys: string[]): RawBuilder<unknown> {
  const k = sql.join(keys.map((key) => sql.ref(`ym.${key}`)));
  const ym = sql`(select ${sql.join(keys.map((key) => sql.ref(`x.${key}`)))}, cast(substr(x.lm, 1, 4) as integer) as y, cast(substr(x.lm, 6, 2) as integer) as m
                    from ${sql.table(source)} x)`;
  return sql`select ${k}, case when ym.m >= 9 then ym.y else ym.y - 1 end as school_year, 1 << ((ym.m + 3) % 12) as bit from ${ym} ym
             union
             select ${k}, ym.y, 1 << (ym.m + 5) from ${ym} ym where ym.m in (7, 8)`;
}

/** The fourteen month bits, as rows (bit), to take the union of masks with a portable aggregate. */
export const MONTH_BITS = sql.raw(`(${Array.from({ length: 14 }, (_, i) => `select ${1 << i} as bit`).join(" union all ")})`);

/** The kinds of `student_served_counts`, as rows (kind), each with the mask a summary row (alias y) has for it. */
const COUNT_KINDS = sql.raw(`(select 'any' as kind union all select 'course' union all select 'workshop' union all select 'other')`);
const maskForKind = sql`case k.kind when 'course' then y.course_months when 'workshop' then y.workshop_months
                          when 'other' then y.other_months else (y.course_months | y.workshop_months | y.other_months) end`;

/**
 * Recomputes the summary rows of every marked student (any topic, and per topic) and the per-mask counts with
 * them, marks their schools, clears the students' marks, then recomputes every marked school (the union of its
 * members' months) and clears those marks: thirteen statements whatever the numbers (nothing to do when none is
 * marked). On PostgreSQL writers that would mark a student or a school wait for this transaction (both marks tables
 * are locked first), so no change slips between the recount and the clearing; SQLite runs one write transaction at
 * a time.
 */
export async function refreshServedSummary(db: DB): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockTableForWriters(trx, "student_served_dirty");
    await lockTableForWriters(trx, "school_served_dirty");
    const marked = sql`(select d.user_id from student_served_dirty d)`;
    // The marked students' rows leave the counts (sign -1) before they are recomputed, and come back after (+1).
    const count = (sign: 1 | -1) => sql`
      insert into student_served_counts (school_year, topic, kind, mask, students)
      select y.school_year, y.topic, k.kind, ${maskForKind}, ${sql.lit(sign)} * count(*)
        from (select sm.school_year, '' as topic, sm.course_months, sm.workshop_months, sm.other_months
                from student_served_dirty d cross join student_served_years sm
               where sm.user_id = d.user_id
              union all
              select st.school_year, st.topic, st.course_months, st.workshop_months, st.other_months
                from student_served_dirty d cross join student_served_topic_years st
               where st.user_id = d.user_id) y
        cross join ${COUNT_KINDS} k
       where ${maskForKind} <> 0
       group by y.school_year, y.topic, k.kind, ${maskForKind}
      on conflict (school_year, topic, kind, mask) do update set students = student_served_counts.students + excluded.students`;
    await count(-1).execute(trx);
    await sql`delete from student_served_years where user_id in ${marked}`.execute(trx);
    await sql`delete from student_served_topic_years where user_id in ${marked}`.execute(trx);
    // What served each marked student, per program and Vietnam month ("2026-10").
    const month = (column: string) => vnLocalPrefix(trx, sql.ref(column), "month");
    const served = sql`
      select r.user_id, p.id as program_id, p.kind, ${month("s.starts_at")} as lm
        from workshop_registrations r
        join workshop_sessions s on s.id = r.session_id
        join programs p on p.id = s.program_id
       where r.user_id in ${marked} and r.status = 'confirmed' and s.status = 'scheduled'
      union all
      select e.user_id, p.id, p.kind, ${month("e.enrolled_at")}
        from enrolments e join programs p on p.id = e.program_id
       where e.user_id in ${marked}
      union all
      select e.user_id, p.id, p.kind, ${month("e.completed_at")}
        from enrolments e join programs p on p.id = e.program_id
       where e.user_id in ${marked} and e.completed_at is not null`;
    const byKind = sql`sum(case when ev.kind = 'course' then ev.bit else 0 end),
                       sum(case when ev.kind = 'workshop' then ev.bit else 0 end),
                       sum(case when ev.kind in ('course', 'workshop') then 0 else ev.bit end)`;
    await sql`
      with x as (${served}),
      ev as (${schoolYearBits("x", ["user_id", "kind"])})
      insert into student_served_years (school_year, user_id, course_months, workshop_months, other_months)
      select ev.school_year, ev.user_id, ${byKind}
        from ev
       group by ev.school_year, ev.user_id`.execute(trx);
    await sql`
      with x as (select sv.user_id, t.topic, sv.kind, sv.lm from (${served}) sv join program_topics t on t.program_id = sv.program_id),
      ev as (${schoolYearBits("x", ["user_id", "topic", "kind"])})
      insert into student_served_topic_years (school_year, topic, user_id, course_months, workshop_months, other_months)
      select ev.school_year, ev.topic, ev.user_id, ${byKind}
        from ev
       group by ev.school_year, ev.topic, ev.user_id`.execute(trx);
    await count(1).execute(trx);
    await sql`delete from student_served_counts where students = 0`.execute(trx);
    // The schools of the students just recounted (a member who left marked the school when leaving: 0031).
    await sql`
      insert into school_served_dirty (school_id)
      select distinct c.school_id
        from student_served_dirty d
        cross join class_members cm
        join classes c on c.id = cm.class_id
       where cm.student_id = d.user_id
      on conflict do nothing`.execute(trx);
    await sql`delete from student_served_dirty`.execute(trx);
    const markedSchools = sql`(select d.school_id from school_served_dirty d)`;
    await sql`delete from school_served_years where school_id in ${markedSchools}`.execute(trx);
    // The union of the members' month bits: the sum of the distinct bits set (no portable bit_or aggregate).
    const union = sql`sum(distinct sm.course_months & mb.bit), sum(distinct sm.workshop_months & mb.bit), sum(distinct sm.other_months & mb.bit)`;
    const members = sql`school_served_dirty d
        join classes c on c.school_id = d.school_id
        join class_members cm on cm.class_id = c.id`;
    await sql`
      insert into school_served_years (school_id, school_year, topic, course_months, workshop_months, other_months)
      select c.school_id, sm.school_year, '', ${union}
        from ${members}
        join student_served_years sm on sm.user_id = cm.student_id
        cross join ${MONTH_BITS} mb
       group by c.school_id, sm.school_year`.execute(trx);
    await sql`
      insert into school_served_years (school_id, school_year, topic, course_months, workshop_months, other_months)
      select c.school_id, sm.school_year, sm.topic, ${union}
        from ${members}
        join student_served_topic_years sm on sm.user_id = cm.student_id
        cross join ${MONTH_BITS} mb
       group by c.school_id, sm.school_year, sm.topic`.execute(trx);
    await sql`delete from school_served_dirty`.execute(trx);
  });
}
