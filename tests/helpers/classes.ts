// Builders for the classes tests (db first): an approved teacher at a school, a class, students in it.
import { createClass } from "~/classes/classes.server";
import { addMember } from "~/classes/members.server";
import type { DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { addSchoolMember, createTestSchool, createTestUser } from "./factories";

export async function approvedTeacher(db: DB, schoolId?: number, status: "approved" | "pending" = "approved") {
  const school = schoolId ?? (await createTestSchool(undefined, db));
  const teacher = await createTestUser({ role: "teacher" }, db);
  await addSchoolMember(school, teacher.id, "teacher", status, db);
  return { ...teacher, schoolId: school };
}

export async function classOf(db: DB, teacherId: number, schoolId: number, name = "8A1 — CLB Robotics", grade: number | null = 8) {
  const r = await createClass(db, { ownerId: teacherId, name, schoolId, grade, schoolYear: "2026-2027", now: nowIso() });
  if (!r.ok) throw new Error(`classOf: ${r.reason}`);
  return r.value;
}

export async function studentsIn(db: DB, classId: number, n: number, namePrefix = "Học sinh") {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await createTestUser({ role: "student", fullName: `${namePrefix} ${String.fromCharCode(65 + (i % 26))}${i}` }, db);
    await addMember(db, { classId, studentId: s.id, via: "teacher", now: nowIso() });
    ids.push(s.id);
  }
  return ids;
}
