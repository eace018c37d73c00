// Who may see and change a class. Teachers reach a class only through class_teachers (scoped by their id);
// staff and admin see every class but change none; students never open class pages.
import type { Role } from "#db/schema";
import type { SessionUser } from "~/lib/guards.server";
import { forbidden } from "~/lib/http.server";
import { isStaff } from "~/auth/roles";
import type { DB } from "~/lib/db.server";

/** Roles that run classes (a coordinator of a school may teach too). */
export const CLASS_TEACHER_ROLES: Role[] = ["teacher", "coordinator"];

export function canRunClasses(user: Pick<SessionUser, "role">): boolean {
  return CLASS_TEACHER_ROLES.includes(user.role);
}

export type ClassRole = "owner" | "co_teacher" | "staff";
/** view: read pages; manage: roster, codes, enrolment; own: details, archive, co-teachers. */
export type ClassNeed = "view" | "manage" | "own";

const CLASS_COLUMNS = [
  "classes.id",
  "classes.name",
  "classes.school_id",
  "classes.grade",
  "classes.school_year",
  "classes.owner_id",
  "classes.join_code",
  "classes.archived_at",
  "classes.created_at",
] as const;

export async function findClassForTeacher(db: DB, teacherId: number, classId: number) {
  return db
    .selectFrom("classes")
    .innerJoin("class_teachers", (j) => j.onRef("class_teachers.class_id", "=", "classes.id").on("class_teachers.teacher_id", "=", teacherId))
    .innerJoin("schools", "schools.id", "classes.school_id")
    .select([...CLASS_COLUMNS, "class_teachers.role as teacherRole", "schools.name as schoolName"])
    .where("classes.id", "=", classId)
    .executeTakeFirst();
}

async function findClassAnyone(db: DB, classId: number) {
  return db
    .selectFrom("classes")
    .innerJoin("schools", "schools.id", "classes.school_id")
    .select([...CLASS_COLUMNS, "schools.name as schoolName"])
    .where("classes.id", "=", classId)
    .executeTakeFirst();
}

export type ClassInfo = NonNullable<Awaited<ReturnType<typeof findClassAnyone>>>;
export interface ClassAccess {
  cls: ClassInfo;
  role: ClassRole;
  canManage: boolean;
  isOwner: boolean;
}

/** The class with the user's role in it, or a thrown 403/404 Response. */
export async function requireClassAccess(db: DB, user: SessionUser, classId: number, need: ClassNeed): Promise<ClassAccess> {
  if (isStaff(user)) {
    const cls = await findClassAnyone(db, classId);
    if (!cls) throw new Response("Not Found", { status: 404 });
    if (need !== "view") throw forbidden();
    return { cls, role: "staff", canManage: false, isOwner: false };
  }
  if (!canRunClasses(user)) throw forbidden();
  const row = await findClassForTeacher(db, user.id, classId);
  if (!row) {
    // Someone else's class is 403 (the issue asks so); a class that does not exist is 404.
    const exists = await db.selectFrom("classes").select("id").where("id", "=", classId).executeTakeFirst();
    throw exists ? forbidden() : new Response("Not Found", { status: 404 });
  }
  const { teacherRole, ...cls } = row;
  if (need === "own" && teacherRole !== "owner") throw forbidden();
  return { cls, role: teacherRole, canManage: true, isOwner: teacherRole === "owner" };
}

/** Schools where the user is an approved teacher or coordinator: where they may open classes. */
export async function approvedSchoolsOf(db: DB, userId: number) {
  return db
    .selectFrom("school_memberships")
    .innerJoin("schools", "schools.id", "school_memberships.school_id")
    .select(["schools.id", "schools.name"])
    .where("school_memberships.user_id", "=", userId)
    .where("school_memberships.status", "=", "approved")
    .orderBy("schools.name")
    .execute();
}

export async function isApprovedAtSchool(db: DB, userId: number, schoolId: number): Promise<boolean> {
  const row = await db
    .selectFrom("school_memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("school_id", "=", schoolId)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return !!row;
}
