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
