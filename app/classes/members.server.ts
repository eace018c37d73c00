// The roster: members in and out (by email, by join code, leaving), listed by given name.
import type { DB } from "~/lib/db.server";
import { compareVietnameseNames } from "~/i18n/format";
import { nowIso } from "~/lib/time";

export async function listMembers(db: DB, classId: number) {
  const rows = await db
    .selectFrom("class_members")
    .innerJoin("users", "users.id", "class_members.student_id")
    .leftJoin("managed_accounts", "managed_accounts.student_id", "class_members.student_id")
    .select([
      "users.id",
      "users.full_name as fullName",
      "users.username",
      "users.email",
      "users.birth_year as birthYear",
      "class_members.joined_via as joinedVia",
      "class_members.created_at as joinedAt",
      "managed_accounts.student_id as managedId",
    ])
    .where("class_members.class_id", "=", classId)
    .execute();
  return rows
    .map(({ managedId, ...r }) => ({ ...r, managed: managedId !== null }))
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName) || a.id - b.id);
}

export type Member = Awaited<ReturnType<typeof listMembers>>[number];

export async function memberIds(db: DB, classId: number): Promise<number[]> {
  const rows = await db.selectFrom("class_members").select("student_id").where("class_id", "=", classId).execute();
  return rows.map((r) => r.student_id);
}

export async function isMember(db: DB, classId: number, studentId: number): Promise<boolean> {
  const row = await db
    .selectFrom("class_members")
    .select("student_id")
    .where("class_id", "=", classId)
    .where("student_id", "=", studentId)
    .executeTakeFirst();
  return !!row;
}

/** Inserts unless already there (double submits and re-joins are harmless). True when newly added. */
export async function addMember(db: DB, classId: number, studentId: number, via: "code" | "email" | "created" | "teacher"): Promise<boolean> {
  const r = await db
    .insertInto("class_members")
    .values({ class_id: classId, student_id: studentId, joined_via: via, created_at: nowIso() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export type AddByEmailResult = { ok: true; fullName: string; added: boolean } | { ok: false; error: "notFound" | "notStudent" };

export async function addMemberByEmail(db: DB, classId: number, email: string): Promise<AddByEmailResult> {
  const user = await db.selectFrom("users").select(["id", "full_name", "role"]).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  if (!user) return { ok: false, error: "notFound" };
  if (user.role !== "student") return { ok: false, error: "notStudent" };
  const added = await addMember(db, classId, user.id, "email");
  return { ok: true, fullName: user.full_name, added };
}

/** The student's account and everything they did stay; only the link to the class goes. */
export async function removeMember(db: DB, classId: number, studentId: number): Promise<boolean> {
  const r = await db.deleteFrom("class_members").where("class_id", "=", classId).where("student_id", "=", studentId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Classes a student belongs to (their dashboard panel and /classes/joined). */
export async function listJoinedClasses(db: DB, studentId: number) {
  return db
    .selectFrom("class_members")
    .innerJoin("classes", "classes.id", "class_members.class_id")
    .innerJoin("schools", "schools.id", "classes.school_id")
    .innerJoin("users as owner", "owner.id", "classes.owner_id")
    .select([
      "classes.id",
      "classes.name",
      "classes.school_year as schoolYear",
      "classes.archived_at as archivedAt",
      "schools.name as schoolName",
      "owner.full_name as teacherName",
    ])
    .where("class_members.student_id", "=", studentId)
    .orderBy("classes.archived_at")
    .orderBy("classes.name")
    .execute();
}
