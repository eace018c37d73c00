import { describe, expect, it } from "vitest";
import { deleteLesson } from "~/courses/builder.server";
import { enrolInCourse } from "~/courses/enrolment.server";
import { updateLesson } from "~/courses/lesson-builder.server";
import { completeLesson } from "~/courses/progress.server";
import { db } from "~/lib/db.server";
import { buildCourse } from "../helpers/courses";
import { NOW } from "../helpers/instants";
import { createTestUser } from "../helpers/factories";

async function enrolmentOf(programId: number, userId: number) {
  return db.selectFrom("enrolments").select(["completed_at"]).where("program_id", "=", programId).where("user_id", "=", userId).executeTakeFirstOrThrow();
}
const certificatesOf = (programId: number, userId: number) =>
  db.selectFrom("certificates").select("id").where("program_id", "=", programId).where("user_id", "=", userId).where("status", "=", "valid").execute();

describe("staff shrink the required part of a course", () => {
  it("deleting the last missing lesson completes the learners who did all the others, once, with a certificate", async () => {
    const course = await buildCourse({ modules: [[{}, {}, {}]] });
    const [a, b, c] = course.lessonIds[0];
    const done = await createTestUser();
    const halfway = await createTestUser();
    for (const u of [done, halfway]) expect((await enrolInCourse(db, { userId: u.id, programId: course.programId, source: "self", now: NOW })).ok).toBe(true);
    await completeLesson(db, { userId: done.id, lessonId: a, now: NOW });
    await completeLesson(db, { userId: done.id, lessonId: b, now: NOW });
    await completeLesson(db, { userId: halfway.id, lessonId: a, now: NOW });
    expect((await enrolmentOf(course.programId, done.id)).completed_at).toBeNull();

    expect(await deleteLesson(db, { programId: course.programId, lessonId: c, now: NOW })).toBe(true);
    expect((await enrolmentOf(course.programId, done.id)).completed_at).not.toBeNull();
    expect(await certificatesOf(course.programId, done.id)).toHaveLength(1);
    expect((await enrolmentOf(course.programId, halfway.id)).completed_at).toBeNull();
    expect(await certificatesOf(course.programId, halfway.id)).toHaveLength(0);
  });

  it("making the missing lesson optional completes them too; other edits change nothing", async () => {
    const course = await buildCourse({ modules: [[{}, {}]] });
    const [a, b] = course.lessonIds[0];
    const learner = await createTestUser();
    await enrolInCourse(db, { userId: learner.id, programId: course.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: learner.id, lessonId: a, now: NOW });
    const edit = { titleVi: "Bài 2 (sửa)", estimatedMinutes: 5, resources: [] };
    await updateLesson(db, b, { ...edit, required: true, now: NOW });
    expect((await enrolmentOf(course.programId, learner.id)).completed_at).toBeNull();
    await updateLesson(db, b, { ...edit, required: false, now: NOW });
    const first = (await enrolmentOf(course.programId, learner.id)).completed_at;
    expect(first).not.toBeNull();
    await updateLesson(db, b, { ...edit, required: false, now: NOW });
    expect((await enrolmentOf(course.programId, learner.id)).completed_at).toBe(first);
    expect(await certificatesOf(course.programId, learner.id)).toHaveLength(1);
  });
});
