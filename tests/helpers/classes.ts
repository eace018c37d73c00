// Builders for the classes tests: an approved teacher at a school, a class, students in it.
import { createClass } from "~/classes/classes.server";
import { addMember } from "~/classes/members.server";
import { db } from "~/lib/db.server";
import { addSchoolMember, createTestSchool, createTestUser } from "./factories";

export async function approvedTeacher(schoolId?: number, status: "approved" | "pending" = "approved") {
  const school = schoolId ?? (await createTestSchool());
  const teacher = await createTestUser({ role: "teacher" });
  await addSchoolMember(school, teacher.id, "teacher", status);
  return { ...teacher, schoolId: school };
}

export async function classOf(teacherId: number, schoolId: number, name = "8A1 — CLB Robotics", grade: number | null = 8) {
  const r = await createClass(db, { ownerId: teacherId, name, schoolId, grade, schoolYear: "2026-2027" });
  if (!r.ok) throw new Error(`classOf: ${r.error}`);
  return r.classId;
}

export async function studentsIn(classId: number, n: number, namePrefix = "Học sinh") {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await createTestUser({ role: "student", fullName: `${namePrefix} ${String.fromCharCode(65 + (i % 26))}${i}` });
    await addMember(db, classId, s.id, "teacher");
    ids.push(s.id);
  }
  return ids;
}
