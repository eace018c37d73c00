// The teacher dashboard's chart: each class's progress over the last weeks — the average share of required lessons
// done, over every (member, class course) pair, at the end of each Vietnam week (Monday–Sunday). The visibility
// rule of app/classes/visibility.server.ts holds: only members (a student who has not accepted an invitation is
// not one), only the class's own courses, only lessons completed since the member joined; a week counts only the
// members who had joined by its end. Three queries for any number of classes.
import { sql } from "kysely";
import { addDays, mondayOf } from "~/insights/period";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal, vnLocalToIso } from "~/lib/time";

export const CHART_WEEKS = 8;

export interface ClassProgressWeek {
  /** Monday of the week (Vietnam). */
  week: string;
  /** Average required-lessons-done, 0–100 (one decimal), or null when nobody was a member or the class has no course. */
  average: number | null;
  /** Members counted in the week. */
  members: number;
}

/** Week starts and their ends as instants: the last `weeks` weeks up to the one containing now. */
export function chartWeeks(now: string, weeks = CHART_WEEKS): { week: string; end: string }[] {
  const current = mondayOf(isoToVnLocal(now).date);
  return Array.from({ length: weeks }, (_, i) => {
    const week = addDays(current, -7 * (weeks - 1 - i));
    return { week, end: vnLocalToIso(addDays(week, 7), "00:00") };
  });
}

/** `case when col < end0 then 0 when col < end1 then 1 … end`: the week an instant falls in (earlier ones in week 0). */
function weekBucket(column: string, weeks: { end: string }[]) {
  return sql`case ${sql.join(
    weeks.map((w, i) => sql`when ${sql.ref(column)} < ${w.end} then ${i}`),
    sql` `,
  )} else ${weeks.length} end`;
}

export async function classProgressOverTime(
  db: DB,
  input: { classIds: number[]; links: { class_id: number; program_id: number }[]; now: string; weeks?: number },
): Promise<Map<number, ClassProgressWeek[]>> {
  const out = new Map<number, ClassProgressWeek[]>();
  if (!input.classIds.length) return out;
  const weeks = chartWeeks(input.now, input.weeks);
  const last = weeks[weeks.length - 1]!.end;
  const programIds = [...new Set(input.links.map((l) => l.program_id))];
  const joinedBucket = weekBucket("cm.created_at", weeks);
  const doneBucket = weekBucket("lc.completed_at", weeks);
  const [joined, totals, done] = await Promise.all([
    // Members per class by the week they joined (before the first week: week 0).
    // (Grouped in an outer query: PostgreSQL does not see two parameterised CASEs as the same expression.)
    sql<{ class_id: number; bucket: number; n: number }>`
      select x.class_id, x.bucket, count(*) as n from (
        select cm.class_id, ${joinedBucket} as bucket
          from class_members cm
         where cm.class_id in (${sql.join(input.classIds)}) and cm.created_at < ${last}
      ) x group by x.class_id, x.bucket`.execute(db),
    programIds.length
      ? db
          .selectFrom("lessons as l")
          .innerJoin("course_modules as m", "m.id", "l.module_id")
          .select(["m.program_id", sql<number>`count(l.id)`.as("total")])
          .where("m.program_id", "in", programIds)
          .where("l.required", "=", 1)
          .groupBy("m.program_id")
          .execute()
      : Promise.resolve([]),
    // Required lessons of the class's courses completed by members since joining, per class, course and week.
    sql<{ class_id: number; program_id: number; bucket: number; n: number }>`
      select x.class_id, x.program_id, x.bucket, count(*) as n from (
        select cm.class_id, cc.program_id, ${doneBucket} as bucket
          from class_members cm
          join class_courses cc on cc.class_id = cm.class_id
          join lesson_completions lc on lc.user_id = cm.student_id and lc.completed_at >= cm.created_at and lc.completed_at < ${last}
          join lessons l on l.id = lc.lesson_id and l.required = 1
          join course_modules m on m.id = l.module_id and m.program_id = cc.program_id
         where cm.class_id in (${sql.join(input.classIds)})
      ) x group by x.class_id, x.program_id, x.bucket`.execute(db),
  ]);
  const totalOf = new Map(totals.map((t) => [Number(t.program_id), Number(t.total)]));
  for (const classId of input.classIds) {
    const courses = input.links.filter((l) => l.class_id === classId && (totalOf.get(l.program_id) ?? 0) > 0).map((l) => l.program_id);
    let members = 0;
    const cumulative = new Map<number, number>(courses.map((p) => [p, 0]));
    const series: ClassProgressWeek[] = weeks.map((w, i) => {
      members += joined.rows.filter((r) => Number(r.class_id) === classId && Number(r.bucket) === i).reduce((a, r) => a + Number(r.n), 0);
      for (const r of done.rows) {
        if (Number(r.class_id) === classId && Number(r.bucket) === i && cumulative.has(Number(r.program_id))) {
          cumulative.set(Number(r.program_id), cumulative.get(Number(r.program_id))! + Number(r.n));
        }
      }
      if (!members || !courses.length) return { week: w.week, average: null, members };
      // Σ over pairs of done/total = Σ over courses of (done by all members)/total.
      const share = courses.reduce((a, p) => a + cumulative.get(p)! / totalOf.get(p)!, 0) / (members * courses.length);
      return { week: w.week, average: Math.round(share * 1000) / 10, members };
    });
    out.set(classId, series);
  }
  return out;
}
