import { describe, expect, it } from "vitest";
import { attemptLogin } from "~/auth/login.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { seedFoundation } from "#db/seed/foundation";
import { seedWorkshops } from "#db/seed/workshops";
import { seedCourses } from "#db/seed/courses";
import { demoClassUsernames, seedClasses } from "#db/seed/classes";

describe("demo classes", () => {
  it("gives the demo teacher two classes of about 25 students, most with usernames, enrolled and registered", async () => {
    const ctx = await seedFoundation(db);
    await seedWorkshops(ctx);
    await seedCourses(ctx);
    await seedClasses(ctx);
    const classes = await db
      .selectFrom("classes")
      .innerJoin("class_teachers", "class_teachers.class_id", "classes.id")
      .select(["classes.id", "classes.name", "classes.join_code"])
      .where("class_teachers.teacher_id", "=", ctx.users.teacher)
      .execute();
    expect(classes.map((c) => c.name)).toEqual(["8A1 — CLB Robotics", "7A3 — CLB Lập trình"]);
    for (const c of classes) {
      const members = await db.selectFrom("class_members").innerJoin("users", "users.id", "class_members.student_id").select(["users.username", "users.email"]).where("class_id", "=", c.id).execute();
      expect(members.length).toBeGreaterThanOrEqual(25);
      expect(members.filter((m) => m.username).length).toBe(20);
      expect(members.filter((m) => m.email).length).toBeGreaterThanOrEqual(5);
    }
    const usernames = demoClassUsernames();
    expect(usernames).toHaveLength(40);
    expect((await attemptLogin(db, { identifier: usernames[0], password: "stemhub-demo", ip: "seed", now: nowIso() })).ok).toBe(true);
    const sessions = await db.selectFrom("class_sessions").select("class_id").execute();
    expect(sessions.length).toBe(2);
    const courses = await db.selectFrom("class_courses").select("class_id").execute();
    const published = await db.selectFrom("programs").select("id").where("kind", "=", "course").where("status", "=", "published").execute();
    // The demo data publishes courses, and two classes are enrolled in one each.
    expect(published.length).toBeGreaterThan(0);
    expect(courses.length).toBe(2);
  });
});
