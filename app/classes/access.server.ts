// Who may see and change a class. Teachers reach a class only through class_teachers (scoped by their id);
// staff and admin see every class but change none (one exception: registering a class past the workshop rules on its
// enrol page, checked by that route); students never open class pages.
import type { Role } from "#db/schema";
import { isStaff, type SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import type { ClassPageIntent } from "./schemas";

/** Roles that run classes (a coordinator of a school may teach too). */
export const CLASS_TEACHER_ROLES: Role[] = ["teacher", "coordinator"];

export function canRunClasses(user: Pick<SessionUser, "role">): boolean {
  return CLASS_TEACHER_ROLES.includes(user.role);
}

export type ClassRole = "owner" | "co_teacher" | "staff";
/** view: read pages; manage: roster, codes, enrolment; own: details, archive, co-teachers. */
export type ClassNeed = "view" | "manage" | "own";

/** What each form of the class overview page needs: the details, the archive and the co-teachers are the owner's. */
export const CLASS_PAGE_NEEDS = {
  update: "own",
  archive: "own",
  restore: "own",
  addCoTeacher: "own",
  removeCoTeacher: "own",
  regenerateCode: "manage",
  disableCode: "manage",
} as const satisfies Record<ClassPageIntent, ClassNeed>;

/** A class as its pages show it. */
export interface ClassView {
  id: number;
  name: string;
  schoolId: number;
  schoolName: string;
  grade: number | null;
  schoolYear: string;
  ownerId: number;
  joinCode: string | null;
  archivedAt: string | null;
  createdAt: string;
}

const CLASS_VIEW_COLUMNS = [
  "classes.id",
  "classes.name",
  "classes.school_id as schoolId",
  "schools.name as schoolName",
  "classes.grade",
  "classes.school_year as schoolYear",
  "classes.owner_id as ownerId",
  "classes.join_code as joinCode",
  "classes.archived_at as archivedAt",
  "classes.created_at as createdAt",
] as const;

function findClassForTeacher(db: DB, teacherId: number, classId: number) {
  return db
    .selectFrom("classes")
    .innerJoin("class_teachers", (j) => j.onRef("class_teachers.class_id", "=", "classes.id").on("class_teachers.teacher_id", "=", teacherId))
    .innerJoin("schools", "schools.id", "classes.school_id")
    .select([...CLASS_VIEW_COLUMNS, "class_teachers.role as teacherRole"])
    .where("classes.id", "=", classId)
    .executeTakeFirst();
}

function findClassAnyone(db: DB, classId: number): Promise<ClassView | undefined> {
  return db
    .selectFrom("classes")
    .innerJoin("schools", "schools.id", "classes.school_id")
    .select(CLASS_VIEW_COLUMNS)
    .where("classes.id", "=", classId)
    .executeTakeFirst();
}

export interface ClassAccess {
  cls: ClassView;
  role: ClassRole;
  canManage: boolean;
  isOwner: boolean;
}

/** A class that does not exist is "notFound"; someone else's class (or too little right in it) is "forbidden". */
export type ClassAccessRefusal = "notFound" | "forbidden";

/** The class with the user's role in it, when the user may do what they need there. */
export async function classAccess(db: DB, user: SessionUser, classId: number, need: ClassNeed): Promise<Result<ClassAccess, ClassAccessRefusal>> {
  if (isStaff(user)) {
    const cls = await findClassAnyone(db, classId);
    if (!cls) return refuse("notFound");
    if (need !== "view") return refuse("forbidden");
    return ok({ cls, role: "staff", canManage: false, isOwner: false });
  }
  if (!canRunClasses(user)) return refuse("forbidden");
  const row = await findClassForTeacher(db, user.id, classId);
  if (!row) {
    // Someone else's class is 403 (the issue asks so); a class that does not exist is 404.
    const exists = await db.selectFrom("classes").select("id").where("id", "=", classId).executeTakeFirst();
    return refuse(exists ? "forbidden" : "notFound");
  }
  const { teacherRole, ...cls } = row;
  if (need === "own" && teacherRole !== "owner") return refuse("forbidden");
  return ok({ cls, role: teacherRole, canManage: true, isOwner: teacherRole === "owner" });
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
