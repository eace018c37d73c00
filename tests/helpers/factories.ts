// Test data builders. Passwords are hashed once per file: Argon2 per user would make bulk tests slow.
import type { Role } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { createUser } from "~/auth/users.server";
import { db, type DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";

export const TEST_PASSWORD = "correct-horse-battery";
let hashed: Promise<string> | undefined;
export const testPasswordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let counter = 0;
export function uniqueEmail(prefix = "user"): string {
  counter += 1;
  return `${prefix}${counter}-${Math.random().toString(36).slice(2, 8)}@test.example`;
}

export async function createTestUser(
  opts: { role?: Role; email?: string | null; username?: string | null; fullName?: string; grade?: number | null; birthYear?: number | null } = {},
  database: DB = db,
) {
  const role = opts.role ?? "student";
  const email = opts.email === undefined ? (opts.username ? null : uniqueEmail(role)) : opts.email;
  const r = await createUser(database, {
    fullName: opts.fullName ?? `Người dùng ${role} ${++counter}`,
    email,
    username: opts.username ?? null,
    passwordHash: await testPasswordHash(),
    role,
    grade: opts.grade ?? null,
    birthYear: opts.birthYear ?? null,
    now: nowIso(),
  });
  if (!r.ok) throw new Error(`createTestUser: ${r.reason}`);
  return { id: r.value, email, role, username: opts.username ?? null };
}

export async function createTestSchool(name = "Trường THCS Thử Nghiệm", database: DB = db) {
  const row = await database
    .insertInto("schools")
    .values({ name, province: "Bình Dương", created_at: nowIso() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addSchoolMember(
  schoolId: number,
  userId: number,
  role: "teacher" | "coordinator",
  status: "pending" | "approved" = "approved",
  database: DB = db,
) {
  await database
    .insertInto("school_memberships")
    .values({ school_id: schoolId, user_id: userId, role, status, created_at: nowIso(), decided_at: status === "approved" ? nowIso() : null, decided_by: null })
    .execute();
}

let classCounter = 0;

/**
 * A class of a school owned by `ownerId` (rows inserted directly, as the tours and certificates tests need them),
 * with `studentIds` as members and/or `newStudents` new grade-8 students. Returns the class id. (The classes tests
 * build classes through the capability instead: tests/helpers/classes.ts.)
 */
export async function createTestClass(
  opts: {
    schoolId: number;
    ownerId: number;
    studentIds?: number[];
    newStudents?: number;
    name?: string;
    /** When the students joined (teachers see only what happened since); the clock unless told. */
    joinedAt?: string;
    /** The class's own courses. */
    courses?: number[];
  },
  database: DB = db,
): Promise<number> {
  const now = nowIso();
  const cls = await database
    .insertInto("classes")
    .values({
      name: opts.name ?? `Lớp 8A${++classCounter}`,
      school_id: opts.schoolId,
      grade: 8,
      school_year: "2026-2027",
      owner_id: opts.ownerId,
      join_code: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await database.insertInto("class_teachers").values({ class_id: cls.id, teacher_id: opts.ownerId, role: "owner", created_at: now }).execute();
  const members = [...(opts.studentIds ?? [])];
  for (let i = 0; i < (opts.newStudents ?? 0); i++) members.push((await createTestUser({ role: "student", grade: 8 }, database)).id);
  if (members.length) {
    await database
      .insertInto("class_members")
      .values(members.map((student_id) => ({ class_id: cls.id, student_id, joined_via: "teacher" as const, created_at: opts.joinedAt ?? now })))
      .execute();
  }
  if (opts.courses?.length) {
    await database
      .insertInto("class_courses")
      .values(opts.courses.map((program_id) => ({ class_id: cls.id, program_id, added_by: opts.ownerId, created_at: opts.joinedAt ?? now })))
      .execute();
  }
  return cls.id;
}
