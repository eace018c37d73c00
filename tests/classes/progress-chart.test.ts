// The teacher dashboard's class-progress chart (issue 14) follows the visibility rule (issue 11): only members
// (a student with a pending invitation is not one), only the class's own courses, only lessons done since joining,
// and a week counts the members who had joined by its end. A fixed number of queries for any number of classes.
import { describe, expect, it } from "vitest";
import { loadClassesDashboard } from "~/classes/dashboard.server";
import { chartWeeks, classProgressOverTime } from "~/classes/progress-chart.server";
import { db } from "~/lib/db.server";
import { approvedTeacher, classOf } from "../helpers/classes";
import { buildCourse } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { countQueries } from "../helpers/query-count";

const NOW = "2026-05-20T03:00:00.000Z"; // Wednesday 20 May in Vietnam: the weeks are 30 Mar … 18 May
const at = (date: string) => `${date}T03:00:00.000Z`;

async function member(classId: number, studentId: number, joined: string) {
  await db.insertInto("class_members").values({ class_id: classId, student_id: studentId, joined_via: "code", created_at: at(joined) }).execute();
}
async function done(userId: number, lessonId: number, date: string) {
  await db.insertInto("lesson_completions").values({ user_id: userId, lesson_id: lessonId, completed_at: at(date) }).execute();
}

describe("class progress over time", () => {
  it("weeks are Vietnam weeks ending with the current one", () => {
    const weeks = chartWeeks(NOW);
    expect(weeks.map((w) => w.week)).toEqual(["2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27", "2026-05-04", "2026-05-11", "2026-05-18"]);
    expect(weeks[0]!.end).toBe("2026-04-05T17:00:00.000Z"); // Monday 6 Apr 00:00 in Vietnam
  });

  it("counts only members, only the class's courses, only since joining", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const course = await buildCourse({ modules: [[{}, {}, {}, {}]] });
    const other = await buildCourse({ modules: [[{}, {}]] });
    const [l1, l2, l3, l4] = course.lessonIds[0]!;
    await db.insertInto("class_courses").values({ class_id: cls, program_id: course.programId, added_by: t.id, created_at: at("2026-03-01") }).execute();
    const m1 = await createTestUser({ role: "student" });
    const m2 = await createTestUser({ role: "student" });
    const invited = await createTestUser({ role: "student" });
    await member(cls, m1.id, "2026-03-01");
    await done(m1.id, l1!, "2026-04-01"); // week 0
    await done(m1.id, l2!, "2026-04-08"); // week 1
    for (const l of other.lessonIds[0]!) await done(m1.id, l, "2026-04-02"); // not the class's course
    await member(cls, m2.id, "2026-04-15"); // joins in week 2
    await done(m2.id, l1!, "2026-03-10"); // before joining: not shown
    await done(m2.id, l2!, "2026-03-10");
    await done(m2.id, l3!, "2026-04-20"); // week 3
    // A pending invitation is no consent: the invited student's work counts nowhere.
    await db.insertInto("class_invitations").values({ class_id: cls, student_id: invited.id, invited_by: t.id, created_at: at("2026-03-01") }).execute();
    for (const l of [l1!, l2!, l3!, l4!]) await done(invited.id, l, "2026-04-02");

    const series = (await classProgressOverTime(db, { classIds: [cls], links: [{ class_id: cls, program_id: course.programId }], now: NOW })).get(cls)!;
    // Week 0: m1 1 of 4 = 25 %; week 1: 2 of 4 = 50 %; week 2: m2 joins with nothing since joining: (2 + 0) / 8;
    // week 3 on: m2's lesson 3: (2 + 1) / 8 = 37.5 %.
    expect(series.map((s) => s.average)).toEqual([25, 50, 25, 37.5, 37.5, 37.5, 37.5, 37.5]);
    expect(series.map((s) => s.members)).toEqual([1, 1, 2, 2, 2, 2, 2, 2]);

    // The dashboard carries the same series; a class without a course has none to draw (null weeks).
    const bare = await classOf(db, t.id, t.schoolId, "Lớp không khóa học");
    await member(bare, m1.id, "2026-03-01");
    const teacher = await db.selectFrom("users").selectAll().where("id", "=", t.id).executeTakeFirstOrThrow();
    const panel = await loadClassesDashboard(db, { ...teacher, id: t.id, role: "teacher" } as never, { locale: "vi", now: NOW });
    if (!panel || panel.kind !== "teacher") throw new Error("no teacher panel");
    expect(panel.classes.find((c) => c.id === cls)!.history).toEqual(series);
    expect(panel.classes.find((c) => c.id === bare)!.history.every((h) => h.average === null)).toBe(true);
  });

  it("the teacher's dashboard panel runs the same number of queries for one class and for five", async () => {
    const t = await approvedTeacher(db);
    const teacher = await db.selectFrom("users").selectAll().where("id", "=", t.id).executeTakeFirstOrThrow();
    const user = { ...teacher, id: t.id, role: "teacher" } as never;
    const course = await buildCourse({ modules: [[{}, {}]] });
    const addClass = async (i: number) => {
      const cls = await classOf(db, t.id, t.schoolId, `Lớp ${i}`);
      await db.insertInto("class_courses").values({ class_id: cls, program_id: course.programId, added_by: t.id, created_at: at("2026-03-01") }).execute();
      const s = await createTestUser({ role: "student" });
      await member(cls, s.id, "2026-03-01");
      await done(s.id, course.lessonIds[0]![0]!, "2026-05-01");
    };
    await addClass(0);
    const one = (await countQueries(() => loadClassesDashboard(db, user, { locale: "vi", now: NOW }))).queries;
    for (let i = 1; i < 5; i++) await addClass(i);
    const five = await countQueries(() => loadClassesDashboard(db, user, { locale: "vi", now: NOW }));
    expect(five.queries).toBe(one);
    const panel = five.result as { classes: { history: { average: number | null }[] }[] };
    expect(panel.classes).toHaveLength(5);
    expect(panel.classes.every((c) => c.history.at(-1)!.average === 50)).toBe(true);
  });
});
