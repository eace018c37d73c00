import { describe, expect, it } from "vitest";
import { seedCourses } from "#db/seed/courses";
import { seedFoundation } from "#db/seed/foundation";
import { loadCoursesDashboard } from "~/courses/dashboard.server";
import { getCourseProgressForUsers } from "~/courses/progress.server";
import { getOutline } from "~/courses/structure.server";
import { db } from "~/lib/db.server";

describe("demo courses", () => {
  it("seeds three published courses with modules, lessons, quizzes and students at different progress levels", async () => {
    const ctx = await seedFoundation(db);
    await seedCourses(ctx);
    const courses = await db.selectFrom("programs").select(["id", "slug", "status"]).where("kind", "=", "course").orderBy("id").execute();
    expect(courses.map((c) => c.slug)).toEqual(["lap-trinh-python-cho-hoc-sinh", "nhap-mon-iot-voi-arduino", "khoi-nghiep-doi-moi-sang-tao"]);
    expect(courses.every((c) => c.status === "published")).toBe(true);
    for (const c of courses) {
      const outline = await getOutline(db, c.id, "vi");
      expect(outline.length).toBeGreaterThanOrEqual(3);
      expect(outline.length).toBeLessThanOrEqual(5);
    }
    expect((await db.selectFrom("quizzes").select("id").execute()).length).toBeGreaterThanOrEqual(3);
    const student = await loadCoursesDashboard(db, { id: ctx.users.student, role: "student", email: null, username: null, fullName: "", locale: "vi", grade: 8, birthYear: null });
    expect(student?.inProgress.map((c) => c.slug).sort()).toEqual(["lap-trinh-python-cho-hoc-sinh", "nhap-mon-iot-voi-arduino"]);
    expect(student?.inProgress.every((c) => c.percent > 0 && c.percent < 100)).toBe(true);
    const progress = await getCourseProgressForUsers(db, { programIds: courses.map((c) => c.id), userIds: [ctx.users.student2] });
    const done = progress.find((p) => p.programId === courses[2].id)!;
    expect(done).toMatchObject({ percent: 100, enrolled: true });
    expect(done.completedAt).not.toBeNull();
    // Completed quiz lessons have a passed attempt behind them.
    const attempts = await db.selectFrom("quiz_attempts").select("user_id").where("passed", "=", 1).execute();
    expect(attempts.length).toBeGreaterThanOrEqual(2);
  });
});
