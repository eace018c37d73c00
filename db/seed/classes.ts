// Demo classes: the demo teacher runs two classes of 25 students (most with teacher-made usernames, some with
// email), enrolled in a demo course and a workshop session, with varied progress. Deterministic.
import { createUser } from "~/auth/users.server";
import { enrolClassInCourse, registerClassForSession } from "~/classes/enrol.server";
import { allocateUsernames } from "~/classes/credentials.server";
import { completeLesson } from "~/courses/progress.server";
import type { SeedContext } from "./context";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
const MIDDLE = ["Thị", "Văn", "Minh", "Ngọc", "Gia", "Quốc", "Thanh", "Hoàng", "Bảo", "Đức", "Phương", "Anh"];
const GIVEN = [
  "An", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hùng", "Khoa", "Linh",
  "Long", "Mai", "Nam", "Nhi", "Phúc", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Vy", "Yến",
];

const CLASSES = [
  { name: "8A1 — CLB Robotics", grade: 8, code: "STEM8A2K", prefix: "8a1" },
  { name: "7A3 — CLB Lập trình", grade: 7, code: "PYTH7A3N", prefix: "7a3" },
];
const PER_CLASS = 25;

/** The n-th demo name: every combination differs, and the list reads like a real class register. */
function demoName(n: number): string {
  return `${FAMILY[(n * 7) % FAMILY.length]} ${MIDDLE[(n * 5 + 3) % MIDDLE.length]} ${GIVEN[(n * 11) % GIVEN.length]}`;
}

export async function seedClasses(ctx: SeedContext): Promise<void> {
  const { db, users } = ctx;
  const now = new Date().toISOString();
  // The demo classes began two months ago: teachers see what members did since joining (issue 11).
  const joinedAt = new Date(Date.parse(ctx.today) - 60 * 86_400_000).toISOString();
  const names = Array.from({ length: CLASSES.length * PER_CLASS }, (_, i) => demoName(i));
  const usernames = allocateUsernames(names, []);
  const classIds: number[] = [];
  const rosters: number[][] = [];
  for (const [ci, c] of CLASSES.entries()) {
    const row = await db
      .insertInto("classes")
      .values({ name: c.name, school_id: ctx.schools[0], grade: c.grade, school_year: "2026-2027", owner_id: users.teacher, join_code: c.code, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    classIds.push(row.id);
    await db.insertInto("class_teachers").values({ class_id: row.id, teacher_id: users.teacher, role: "owner", created_at: now }).execute();
    const roster: number[] = [];
    for (let i = 0; i < PER_CLASS; i++) {
      const n = ci * PER_CLASS + i;
      // Every fifth student has an email of their own; the others got an account from their teacher.
      const withEmail = i % 5 === 4;
      const r = await createUser(db, {
        fullName: names[n],
        email: withEmail ? `${c.prefix}.${String(i + 1).padStart(2, "0")}@example.com` : null,
        username: withEmail ? null : usernames[n],
        passwordHash: ctx.passwordHash,
        role: "student",
        grade: c.grade,
        birthYear: 2026 - c.grade - 6,
        now,
      });
      if (!r.ok) throw new Error(`seedClasses: ${names[n]}: ${r.reason}`);
      roster.push(r.value);
      await db.insertInto("class_members").values({ class_id: row.id, student_id: r.value, joined_via: withEmail ? "code" : "created", created_at: joinedAt }).execute();
      if (!withEmail) await db.insertInto("managed_accounts").values({ student_id: r.value, created_by: users.teacher, created_at: now }).execute();
    }
    rosters.push(roster);
  }
  // The demo student belongs to the first class, so their dashboard shows it.
  await db.insertInto("class_members").values({ class_id: classIds[0], student_id: users.student, joined_via: "code", created_at: joinedAt }).execute();

  // Enrol both classes in the first published course, and each in an upcoming workshop session (roster order,
  // waitlisting whoever does not fit), when the courses and workshops seeds provided them.
  const course = await db
    .selectFrom("programs")
    .innerJoin("courses", "courses.program_id", "programs.id")
    .select("programs.id")
    .where("programs.status", "=", "published")
    .where("courses.prerequisite_program_id", "is", null)
    .orderBy("programs.id")
    .executeTakeFirst();
  const sessions = await db
    .selectFrom("workshop_sessions")
    .select(["id", "capacity", "confirmed_count"])
    .where("status", "=", "scheduled")
    .where("starts_at", ">", now)
    .orderBy((eb) => eb("capacity", "-", eb.ref("confirmed_count")), "desc")
    .orderBy("id")
    .limit(CLASSES.length)
    .execute();
  for (const [ci, classId] of classIds.entries()) {
    const members = ci === 0 ? [...rosters[ci], users.student] : rosters[ci];
    if (course) {
      await enrolClassInCourse(db, { classId, programId: course.id, userIds: members, addedBy: users.teacher, now });
      const lessons = await db
        .selectFrom("lessons")
        .innerJoin("course_modules", "course_modules.id", "lessons.module_id")
        .select("lessons.id")
        .where("course_modules.program_id", "=", course.id)
        .where("lessons.required", "=", 1)
        .orderBy("course_modules.position")
        .orderBy("lessons.position")
        .execute();
      // Varied progress: student i has done (i × 3) mod (lessons + 1) lessons — some none, some all.
      for (const [i, studentId] of rosters[ci].entries()) {
        const done = (i * 3 + ci) % (lessons.length + 1);
        for (const lesson of lessons.slice(0, done)) await completeLesson(db, { userId: studentId, lessonId: lesson.id, now });
      }
    }
    const session = sessions[ci] ?? sessions[0];
    if (session) {
      await registerClassForSession(db, { classId, sessionId: session.id, userIds: rosters[ci], mode: "fill-then-waitlist", addedBy: users.teacher, now });
    }
  }
}

/** For the README and the report: the demo usernames (password stemhub-demo). */
export function demoClassUsernames(): string[] {
  const names = Array.from({ length: CLASSES.length * PER_CLASS }, (_, i) => demoName(i));
  const all = allocateUsernames(names, []);
  return all.filter((_, n) => n % PER_CLASS % 5 !== 4);
}
