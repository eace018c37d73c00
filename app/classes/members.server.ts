// The roster: members in and out (by email, by join code, leaving), listed by given name.
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { compareVietnameseNames } from "~/i18n/format";
import { ok, refuse, type Result } from "~/lib/result";

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
export async function addMember(
  db: DB,
  input: { classId: number; studentId: number; via: "code" | "email" | "created" | "teacher"; now: string },
): Promise<boolean> {
  const r = await db
    .insertInto("class_members")
    .values({ class_id: input.classId, student_id: input.studentId, joined_via: input.via, created_at: input.now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export type RemoveMemberRefusal = "notMember";

/**
 * The student's account and everything they did stay; only the link to the class goes (and with it what the
 * class's teachers see). A teacher removing a student and a student leaving are both recorded.
 */
export async function removeMember(
  db: DB,
  input: { classId: number; studentId: number; actor: Actor; now: string },
): Promise<Result<undefined, RemoveMemberRefusal>> {
  return inTransaction(db, async (trx) => {
    const r = await trx.deleteFrom("class_members").where("class_id", "=", input.classId).where("student_id", "=", input.studentId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return refuse("notMember");
    await recordAudit(trx, {
      actor: input.actor,
      action: "class.memberRemoved",
      subject: { type: "class", id: input.classId },
      details: { studentId: input.studentId, left: input.actor.userId === input.studentId },
      now: input.now,
    });
    return ok();
  });
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
