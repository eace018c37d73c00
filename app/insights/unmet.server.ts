// Unmet demand at scale (issue 17, migration 0032): per school year, program and student without a seat at any
// session of that program, the months of the sessions the student waits for (`unmet_years`), and the same per topic
// (`unmet_topic_years`, over programs of any kind and of each kind). Triggers mark the students whose registrations (or whose sessions' times, programs or
// topics or kinds) changed; `refreshUnmetSummary` recomputes exactly those students' rows and returns the proof the queries
// ask for. A period of whole Vietnam months of one school year is then a sum of the few per-mask counts per program or
// topic (`unmet_program_counts`, `unmet_topic_counts`, 0034); over two school years, a distinct count of their rows
// (queries.server.ts); a period of part months or a school filter (and, per topic, a topic filter) read the source
// rows.
import { sql, type RawBuilder } from "kysely";
import { inTransaction, type DB } from "~/lib/db.server";
import { lockTableForWriters, vnLocalPrefix } from "~/lib/dialect.server";
import { MONTH_BITS, overlapsSchoolYearMasks, schoolYearBits, schoolYearMasks } from "./served.server";

declare const refreshed: unique symbol;
/** Proof that the unmet-demand summary was brought up to date in this request. */
export type UnmetSummary = { readonly [refreshed]: true };

/**
 * The rows of a summary (alias u) that overlap [from, to) and whether they hold one school year (a student is then
 * on one row per program or topic), or null when the period is not whole months.
 */
export function unmetRowsOverlapping(from: string, to: string): { where: RawBuilder<unknown>; oneYear: boolean } | null {
  const masks = schoolYearMasks(from, to);
  if (!masks) return null;
  return { where: overlapsSchoolYearMasks(masks, "u.school_year", sql<number>`u.months`), oneYear: masks.length <= 1 };
}

/**
 * Recomputes the rows of every marked student and the per-mask counts with them (migration 0034), then clears the
 * marks: eleven statements whatever the number of students. On PostgreSQL writers that would mark a student wait
 * for this transaction (the marks table is locked first), so no change slips between the recount and the clearing;
 * SQLite runs one write transaction at a time.
 */
export async function refreshUnmetSummary(db: DB): Promise<UnmetSummary> {
  await inTransaction(db, async (trx) => {
    await lockTableForWriters(trx, "unmet_dirty");
    const marked = sql`(select d.user_id from unmet_dirty d)`;
    // The marked students' rows leave the counts (sign -1) before they are recomputed, and come back after (+1);
    // as for student_served_counts (served.server.ts).
    const counts = async (sign: 1 | -1) => {
      await sql`
        insert into unmet_program_counts (school_year, program_id, months, students)
        select u.school_year, u.program_id, u.months, ${sql.lit(sign)} * count(*)
          from unmet_dirty d cross join unmet_years u
         where u.user_id = d.user_id
         group by u.school_year, u.program_id, u.months
        on conflict (school_year, program_id, months) do update set students = unmet_program_counts.students + excluded.students`.execute(trx);
      await sql`
        insert into unmet_topic_counts (school_year, kind, topic, months, students)
        select u.school_year, u.kind, u.topic, u.months, ${sql.lit(sign)} * count(*)
          from unmet_dirty d cross join unmet_topic_years u
         where u.user_id = d.user_id
         group by u.school_year, u.kind, u.topic, u.months
        on conflict (school_year, kind, topic, months) do update set students = unmet_topic_counts.students + excluded.students`.execute(trx);
    };
    await counts(-1);
    await sql`delete from unmet_years where user_id in ${marked}`.execute(trx);
    await sql`delete from unmet_topic_years where user_id in ${marked}`.execute(trx);
    // The sessions a marked student waits for, at programs where the student has no confirmed seat.
    await sql`
      with x as (
        select r.user_id, s.program_id, ${vnLocalPrefix(trx, sql.ref("s.starts_at"), "month")} as lm
          from unmet_dirty d
          cross join workshop_registrations r
          join workshop_sessions s on s.id = r.session_id
         where r.user_id = d.user_id and r.status = 'waitlisted'
           and not exists (select 1 from workshop_registrations r2 join workshop_sessions s2 on s2.id = r2.session_id
                            where r2.user_id = r.user_id and r2.status = 'confirmed' and s2.program_id = s.program_id)),
      ev as (${schoolYearBits("x", ["user_id", "program_id"])})
      insert into unmet_years (school_year, program_id, user_id, months)
      select ev.school_year, ev.program_id, ev.user_id, sum(ev.bit)
        from ev
       group by ev.school_year, ev.program_id, ev.user_id`.execute(trx);
    // Per topic: the union of the student's months at the topic's programs (the sum of the distinct bits set), over
    // programs of any kind ("any") and of each kind.
    const kind = sql`case when k.own = 1 then p.kind else 'any' end`;
    await sql`
      insert into unmet_topic_years (school_year, kind, topic, user_id, months)
      select u.school_year, ${kind}, t.topic, u.user_id, sum(distinct u.months & mb.bit)
        from unmet_dirty d
        cross join unmet_years u
        join programs p on p.id = u.program_id
        join program_topics t on t.program_id = u.program_id
        cross join (select 0 as own union all select 1) k
        cross join ${MONTH_BITS} mb
       where u.user_id = d.user_id
       group by u.school_year, ${kind}, t.topic, u.user_id`.execute(trx);
    await counts(1);
    await sql`delete from unmet_program_counts where students = 0`.execute(trx);
    await sql`delete from unmet_topic_counts where students = 0`.execute(trx);
    await sql`delete from unmet_dirty`.execute(trx);
  });
  return {} as UnmetSummary;
}
