// Classes: create, edit, archive, join codes, co-teachers, and the list a teacher (or staff) sees.
import type { SessionUser } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { isUniqueViolation, type DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { isApprovedAtSchool } from "./access.server";
import { generateJoinCode } from "./credentials.server";

/** The school year a new class most likely belongs to: it starts in August in Vietnam. */
export function currentSchoolYear(now = new Date()): string {
  const local = new Date(now.getTime() + 7 * 3600_000);
  const y = local.getUTCFullYear();
  return local.getUTCMonth() >= 7 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

export type CreateClassResult = { ok: true; classId: number } | { ok: false; error: "schoolNotApproved" };

export async function createClass(
  db: DB,
  input: { ownerId: number; name: string; schoolId: number; grade?: number | null; schoolYear: string },
): Promise<CreateClassResult> {
  if (!(await isApprovedAtSchool(db, input.ownerId, input.schoolId))) return { ok: false, error: "schoolNotApproved" };
  // A fresh code may collide with an existing one (unique index): try again with another.
  for (let attempt = 0; ; attempt++) {
    try {
      const classId = await db.transaction().execute(async (trx) => {
        const now = nowIso();
        const row = await trx
          .insertInto("classes")
          .values({
            name: input.name,
            school_id: input.schoolId,
            grade: input.grade ?? null,
            school_year: input.schoolYear,
            owner_id: input.ownerId,
            join_code: generateJoinCode(),
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx.insertInto("class_teachers").values({ class_id: row.id, teacher_id: input.ownerId, role: "owner", created_at: now }).execute();
        return row.id;
      });
      return { ok: true, classId };
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
}

export async function updateClass(db: DB, classId: number, input: { name: string; grade?: number | null; schoolYear: string }) {
  await db
    .updateTable("classes")
    .set({ name: input.name, grade: input.grade ?? null, school_year: input.schoolYear, updated_at: nowIso() })
    .where("id", "=", classId)
    .execute();
}

export async function setClassArchived(db: DB, classId: number, archived: boolean) {
  const now = nowIso();
  await db
    .updateTable("classes")
    .set({ archived_at: archived ? now : null, updated_at: now })
    .where("id", "=", classId)
    .where("archived_at", archived ? "is" : "is not", null)
    .execute();
}

/** A new code; the old one stops working at once. */
export async function regenerateJoinCode(db: DB, classId: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const code = generateJoinCode();
    try {
      await db.updateTable("classes").set({ join_code: code, updated_at: nowIso() }).where("id", "=", classId).execute();
      return code;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
}

export async function disableJoinCode(db: DB, classId: number) {
  await db.updateTable("classes").set({ join_code: null, updated_at: nowIso() }).where("id", "=", classId).execute();
}

export type AddCoTeacherResult =
  | { ok: true; teacherId: number; fullName: string }
  | { ok: false; error: "notFound" | "notSameSchool" | "already" };

/** Another teacher with an approved membership of the class's school, found by email. */
export async function addCoTeacher(db: DB, input: { classId: number; schoolId: number; email: string }): Promise<AddCoTeacherResult> {
  const teacher = await db
    .selectFrom("users")
    .select(["id", "full_name", "role"])
    .where("email", "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!teacher || (teacher.role !== "teacher" && teacher.role !== "coordinator")) return { ok: false, error: "notFound" };
  if (!(await isApprovedAtSchool(db, teacher.id, input.schoolId))) return { ok: false, error: "notSameSchool" };
  const r = await db
    .insertInto("class_teachers")
    .values({ class_id: input.classId, teacher_id: teacher.id, role: "co_teacher", created_at: nowIso() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, error: "already" };
  return { ok: true, teacherId: teacher.id, fullName: teacher.full_name };
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
