// Classes: create, edit, archive, join codes, co-teachers, and the list a teacher (or staff) sees.
import type { SessionUser } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { classCertificateSummary } from "~/certificates/queries.server";
import type { Locale } from "~/i18n";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { isoToVnLocal } from "~/lib/time";
import { isApprovedAtSchool } from "./access.server";
import { generateJoinCode } from "./credentials.server";

/** The school year a new class most likely belongs to: it starts in August in Vietnam. */
export function currentSchoolYear(now: string): string {
  const [y, m] = isoToVnLocal(now).date.split("-").map(Number);
  return m >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

export type CreateClassRefusal = "schoolNotApproved";

/** A new class with a fresh join code, its owner recorded as its first teacher; the class id. */
export async function createClass(
  db: DB,
  input: { ownerId: number; name: string; schoolId: number; grade?: number | null; schoolYear: string; now: string },
): Promise<Result<number, CreateClassRefusal>> {
  if (!(await isApprovedAtSchool(db, input.ownerId, input.schoolId))) return refuse("schoolNotApproved");
  return inTransaction(db, async (trx) => {
    // A fresh code may collide with an existing one (unique index): skip the row and try another code. No failed
    // statement, so this also works inside the caller's transaction.
    for (let attempt = 0; attempt < 6; attempt++) {
      const row = await trx
        .insertInto("classes")
        .values({
          name: input.name,
          school_id: input.schoolId,
          grade: input.grade ?? null,
          school_year: input.schoolYear,
          owner_id: input.ownerId,
          join_code: generateJoinCode(),
          created_at: input.now,
          updated_at: input.now,
        })
        .onConflict((oc) => oc.column("join_code").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) continue;
      await trx.insertInto("class_teachers").values({ class_id: row.id, teacher_id: input.ownerId, role: "owner", created_at: input.now }).execute();
      return ok(row.id);
    }
    throw new Error("createClass: no free join code after 6 attempts");
  });
}

export async function updateClass(db: DB, classId: number, input: { name: string; grade?: number | null; schoolYear: string; now: string }) {
  await db
    .updateTable("classes")
    .set({ name: input.name, grade: input.grade ?? null, school_year: input.schoolYear, updated_at: input.now })
    .where("id", "=", classId)
    .execute();
}

export async function setClassArchived(db: DB, classId: number, input: { archived: boolean; now: string }) {
  await db
    .updateTable("classes")
    .set({ archived_at: input.archived ? input.now : null, updated_at: input.now })
    .where("id", "=", classId)
    .where("archived_at", input.archived ? "is" : "is not", null)
    .execute();
}

/** A new code; the old one stops working at once. */
export async function regenerateJoinCode(db: DB, classId: number, now: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const code = generateJoinCode();
    // A code another class holds is skipped without raising (a raised unique violation would abort a caller's
    // PostgreSQL transaction).
    const r = await db
      .updateTable("classes")
      .set({ join_code: code, updated_at: now })
      .where("id", "=", classId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("classes as other").select("other.id").where("other.join_code", "=", code))))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return code;
    if (attempt >= 5) throw new Error("regenerateJoinCode: no free code after 6 attempts");
  }
}

export async function disableJoinCode(db: DB, classId: number, now: string) {
  await db.updateTable("classes").set({ join_code: null, updated_at: now }).where("id", "=", classId).execute();
}

export type CoTeacherRefusal = "notFound" | "notSameSchool" | "already";

/** Another teacher with an approved membership of the class's school, found by email. */
export async function addCoTeacher(
  db: DB,
  input: { classId: number; schoolId: number; email: string; now: string },
): Promise<Result<{ teacherId: number; fullName: string }, CoTeacherRefusal>> {
  const teacher = await db
    .selectFrom("users")
    .select(["id", "full_name", "role"])
    .where("email", "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!teacher || (teacher.role !== "teacher" && teacher.role !== "coordinator")) return refuse("notFound");
  if (!(await isApprovedAtSchool(db, teacher.id, input.schoolId))) return refuse("notSameSchool");
  const r = await db
    .insertInto("class_teachers")
    .values({ class_id: input.classId, teacher_id: teacher.id, role: "co_teacher", created_at: input.now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return refuse("already");
  return ok({ teacherId: teacher.id, fullName: teacher.full_name });
}

/** Only co-teachers can be removed: the owner stays. */
export async function removeCoTeacher(db: DB, classId: number, teacherId: number): Promise<boolean> {
  const r = await db
    .deleteFrom("class_teachers")
    .where("class_id", "=", classId)
    .where("teacher_id", "=", teacherId)
    .where("role", "=", "co_teacher")
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listClassTeachers(db: DB, classId: number) {
  return db
    .selectFrom("class_teachers")
    .innerJoin("users", "users.id", "class_teachers.teacher_id")
    .select(["users.id", "users.full_name as fullName", "users.email", "class_teachers.role"])
    .where("class_teachers.class_id", "=", classId)
    .orderBy("class_teachers.role", "desc")
    .orderBy("users.full_name")
    .execute();
}

/** The overview page beside the class itself: its teachers and the certificates its members hold, in the reader's language. */
export async function loadClassOverview(db: DB, input: { classId: number; locale: Locale }) {
  const [teachers, certificates] = await Promise.all([
    listClassTeachers(db, input.classId),
    classCertificateSummary(db, { classId: input.classId }, input.locale),
  ]);
  return { teachers, certificates: certificates.map((c) => ({ classId: c.classId, programId: c.programId, count: c.count, title: c.title })) };
}

export const CLASSES_PAGE_SIZE = 24;

/**
 * The classes a user sees: a teacher's own (owner or co-teacher, scoped by their id), or every class for staff.
 */
export async function listClassesFor(db: DB, user: SessionUser, opts: { archived: boolean; page: number }) {
  let query = db.selectFrom("classes").innerJoin("schools", "schools.id", "classes.school_id");
  if (!isStaff(user)) {
    query = query.where("classes.id", "in", (eb) => eb.selectFrom("class_teachers").select("class_id").where("teacher_id", "=", user.id));
  }
  query = query.where("classes.archived_at", opts.archived ? "is not" : "is", null);
  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const rows = await query
    .select([
      "classes.id",
      "classes.name",
      "classes.grade",
      "classes.school_year as schoolYear",
      "classes.archived_at as archivedAt",
      "schools.name as schoolName",
      // Counted per class through the class_members primary key: one statement, no query per class.
      (eb) => eb.selectFrom("class_members").select((e) => e.fn.countAll<number>().as("n")).whereRef("class_members.class_id", "=", "classes.id").as("members"),
    ])
    .orderBy("classes.school_year", "desc")
    .orderBy("classes.name")
    .orderBy("classes.id")
    .limit(CLASSES_PAGE_SIZE)
    .offset((opts.page - 1) * CLASSES_PAGE_SIZE)
    .execute();
  return { rows: rows.map((r) => ({ ...r, members: Number(r.members) })), total: Number(total), pages: Math.max(1, Math.ceil(Number(total) / CLASSES_PAGE_SIZE)) };
}
