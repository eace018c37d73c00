// Test helpers of the certificates capability: programs to certify and a class to print for. Reading PDFs and QR
// codes back lives in ./documents.
import type { ProgramKind } from "#db/schema";
import { createProgram } from "~/catalog/programs.server";
import { db } from "~/lib/db.server";

let n = 0;
export async function createTestProgram(
  kind: ProgramKind,
  titleVi = `Chương trình thử ${++n}`,
  titleEn: string | null = `Test program ${n}`
) {
  const id = await createProgram(db, { kind, slug: `cert-test-${kind}-${++n}-${Date.now()}`, titleVi, titleEn, status: "published" });
  if (!id) throw new Error("createTestProgram failed");
  return id;
}

/**
 * A class of a school taught by `teacherId`, with these students as members. `joinedAt`: when the students joined
 * (teachers see only what happened since); `courses`: the class's own courses.
 */
export async function createTestClass(teacherId: number, studentIds: number[], schoolId: number, opts: { joinedAt?: string; courses?: number[] } = {}) {
  const now = new Date().toISOString();
  const k = await db
    .insertInto("classes")
    .values({
      name: `Lớp 8A${++n}`,
      school_id: schoolId,
      grade: 8,
      school_year: "2026-2027",
      owner_id: teacherId,
      join_code: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("class_teachers").values({ class_id: k.id, teacher_id: teacherId, role: "owner", created_at: now }).execute();
  if (studentIds.length) {
    await db
      .insertInto("class_members")
      .values(studentIds.map((s) => ({ class_id: k.id, student_id: s, joined_via: "teacher" as const, created_at: opts.joinedAt ?? now })))
      .execute();
  }
  if (opts.courses?.length) {
    await db
      .insertInto("class_courses")
      .values(opts.courses.map((programId) => ({ class_id: k.id, program_id: programId, added_by: teacherId, created_at: opts.joinedAt ?? now })))
      .execute();
  }
  return k.id;
}
