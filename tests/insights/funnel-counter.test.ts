// The course funnel reads each enrolment's stored count of required lessons done (`enrolments.required_done`)
// instead of counting completions per enrolment (issue 14, 100,000 students). The count is kept by the app's
// writes (completeLesson, lessons made optional or required, deleted, leaving and coming back): after each of
// them the funnel must equal the one counted from the completions themselves (the previous query), both stores.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { deleteLesson } from "~/courses/builder.server";
import { enrolInCourse, leaveCourse } from "~/courses/enrolment.server";
import { updateLesson } from "~/courses/lesson-builder.server";
import { completeLesson } from "~/courses/progress.server";
import { courseFunnel } from "~/insights/queries.server";
import { db } from "~/lib/db.server";
import { buildCourse, NOW } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";

const span = { from: new Date(Date.parse(NOW) - 3_600_000).toISOString(), to: new Date(Date.parse(NOW) + 86_400_000).toISOString() };

/** The funnel of one course counted from lesson_completions (the query before migration 0026). */
async function countedFromCompletions(programId: number) {
  const r = await sql<Record<string, number>>`
    select count(*) as enrolled,
           sum(case when x.completed_at is not null or x.done > 0 then 1 else 0 end) as started,
           sum(case when x.completed_at is not null or (x.total > 0 and x.done * 2 >= x.total) then 1 else 0 end) as half,
           sum(case when x.completed_at is not null then 1 else 0 end) as completed
      from (
        select e.completed_at,
               (select count(*) from lesson_completions lc join lessons l on l.id = lc.lesson_id join course_modules m on m.id = l.module_id
                 where lc.user_id = e.user_id and m.program_id = e.program_id and l.required = 1) as done,
               (select count(*) from lessons l2 join course_modules m2 on m2.id = l2.module_id where m2.program_id = e.program_id and l2.required = 1) as total
          from enrolments e
         where e.program_id = ${programId} and e.enrolled_at >= ${span.from} and e.enrolled_at < ${span.to}
      ) x`.execute(db);
  const row = r.rows[0]!;
  return { enrolled: Number(row.enrolled), started: Number(row.started ?? 0), half: Number(row.half ?? 0), completed: Number(row.completed ?? 0) };
}

describe("course funnel from the stored progress counter", () => {
  it("equals the funnel counted from completions after every kind of write", async () => {
    const course = await buildCourse({ modules: [[{}, {}, {}], [{}, { required: false }]] });
    const [r1, r2, r3, r4, optional] = course.lessonIds.flat();
    // Only this course's enrolments: a topic filter would do too, the program filter keeps it to this one.
    await db.insertInto("program_topics").values({ program_id: course.programId, topic: `funnel-${course.programId}` }).execute();
    const funnel = () => courseFunnel(db, span, { topic: `funnel-${course.programId}` });
    const check = async () => {
      const f = await funnel();
      expect(f).toEqual(await countedFromCompletions(course.programId));
      return f;
    };
    const users: number[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await createTestUser({ fullName: `Học sinh ${i}` });
      users.push(u.id);
      expect((await enrolInCourse(db, { userId: u.id, programId: course.programId, source: "self", now: NOW })).ok).toBe(true);
    }
    expect(await check()).toEqual({ enrolled: 5, started: 0, half: 0, completed: 0 });
    const done = async (user: number, lessons: number[]) => {
      for (const lessonId of lessons) expect((await completeLesson(db, { userId: user, lessonId, now: NOW })).ok).toBe(true);
    };
    await done(users[0], [r1]);
    await done(users[1], [r1, r2]);
    await done(users[2], [r1, r2, r3, r4]);
    await done(users[3], [optional]);
    await done(users[1], [r1]); // twice: counts once
    expect(await check()).toEqual({ enrolled: 5, started: 3, half: 2, completed: 1 });
    const edit = (lessonId: number, required: boolean) => updateLesson(db, lessonId, { titleVi: "Bài", estimatedMinutes: 5, required, resources: [], now: NOW });
    // r2 optional: 3 required left, user 1 has 1 of 3 (not half), user 0 1 of 3.
    await edit(r2, false);
    expect(await check()).toEqual({ enrolled: 5, started: 3, half: 1, completed: 1 });
    // The optional lesson required: user 3 has started.
    await edit(optional, true);
    expect(await check()).toEqual({ enrolled: 5, started: 4, half: 1, completed: 1 });
    await edit(r2, true);
    expect(await deleteLesson(db, { programId: course.programId, lessonId: r4, now: NOW })).toBe(true);
    await check();
    // Leaving keeps the row and its progress; coming back too.
    expect(await leaveCourse(db, { userId: users[1], programId: course.programId, now: NOW })).toBe(true);
    await check();
    expect((await enrolInCourse(db, { userId: users[1], programId: course.programId, source: "self", now: NOW })).ok).toBe(true);
    await done(users[4], [r3]);
    await check();
  });
});
