// Consent to join a class. A teacher who adds a student by email only invites them: the student accepts or
// declines on /classes/joined (and gets a notification). The teacher's answer is the same whether the email
// belongs to a student, to another role or to nobody, and until the student accepts the teacher sees nothing
// of them (no name, no pending list). Joining with the class code is the student's own act and needs no invitation.
import type { SessionUser } from "~/auth/roles";
import { queueEmail } from "~/mail/outbox.server";
import { notify } from "~/notifications/notifications.server";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { addMember } from "./members.server";

/**
 * Invites the student with this email, if there is one and they are not in the class yet. Always "sent": the
 * caller says the same thing whatever happened. A declined invitation stays declined (the student said no; the
 * class code is still there if they change their mind), so a teacher cannot pester a student with re-invitations.
 */
export async function inviteByEmail(db: DB, input: { classId: number; email: string; actor: Actor; now: string }): Promise<{ sent: true }> {
  const email = input.email.trim().toLowerCase();
  await inTransaction(db, async (trx) => {
    const student = await trx.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirst();
    const cls = await trx.selectFrom("classes").select(["id", "name", "archived_at"]).where("id", "=", input.classId).executeTakeFirst();
    let invited = false;
    if (student?.role === "student" && cls && cls.archived_at === null) {
      const member = await trx
        .selectFrom("class_members")
        .select("student_id")
        .where("class_id", "=", input.classId)
        .where("student_id", "=", student.id)
        .executeTakeFirst();
      if (!member) {
        const r = await trx
          .insertInto("class_invitations")
          .values({ class_id: input.classId, student_id: student.id, invited_by: input.actor.userId, status: "pending", created_at: input.now, answered_at: null })
          .onConflict((oc) => oc.columns(["class_id", "student_id"]).doNothing())
          .executeTakeFirst();
        invited = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
        if (invited) {
          await notify(trx, { userId: student.id, messageKey: "notifications.classInvitation", params: { className: cls.name }, link: "/classes/joined" }, input.now);
          // By e-mail too (an optional message: the student may have switched those off; no address, no mail).
          await queueEmail(trx, { template: "classInvitation", userId: student.id, params: { className: cls.name, link: "/classes/joined" }, now: input.now });
        }
      }
    }
    // The log says whether an invitation went out (staff read it; the teacher never does).
    await recordAudit(trx, {
      actor: input.actor,
      action: "class.memberInvited",
      subject: { type: "class", id: input.classId },
      details: { invited, studentId: invited && student ? student.id : null },
      now: input.now,
    });
  });
  return { sent: true };
}

/** Pending invitations of a student, newest first (a student has few; capped all the same). */
export async function listPendingInvitations(db: DB, studentId: number) {
  return db
    .selectFrom("class_invitations as i")
    .innerJoin("classes", "classes.id", "i.class_id")
    .innerJoin("schools", "schools.id", "classes.school_id")
    .leftJoin("users as inviter", "inviter.id", "i.invited_by")
    .select(["i.id", "i.created_at as invitedAt", "classes.name as className", "schools.name as schoolName", "inviter.full_name as teacherName"])
    .where("i.student_id", "=", studentId)
    .where("i.status", "=", "pending")
    .where("classes.archived_at", "is", null)
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .limit(50)
    .execute();
}

export type AnswerRefusal = "notFound";

/**
 * The student's answer. Scoped by the student's own id: an invitation of someone else, already answered, or of
 * an archived class is "notFound" and nothing changes.
 */
export async function answerInvitation(
  db: DB,
  input: { invitationId: number; student: Pick<SessionUser, "id">; accept: boolean; ip: string; now: string },
): Promise<Result<{ classId: number; accepted: boolean }, AnswerRefusal>> {
  return inTransaction(db, async (trx) => {
    const inv = await trx
      .selectFrom("class_invitations as i")
      .innerJoin("classes", "classes.id", "i.class_id")
      .select(["i.id", "i.class_id", "classes.archived_at"])
      .where("i.id", "=", input.invitationId)
      .where("i.student_id", "=", input.student.id)
      .where("i.status", "=", "pending")
      .executeTakeFirst();
    if (!inv || inv.archived_at !== null) return refuse("notFound");
    const r = await trx
      .updateTable("class_invitations")
      .set({ status: input.accept ? "accepted" : "declined", answered_at: input.now })
      .where("id", "=", inv.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return refuse("notFound");
    if (input.accept) await addMember(trx, { classId: inv.class_id, studentId: input.student.id, via: "email", now: input.now });
    await recordAudit(trx, {
      actor: { userId: input.student.id, ip: input.ip },
      action: "class.invitationAnswered",
      subject: { type: "class", id: inv.class_id },
      details: { accepted: input.accept },
      now: input.now,
    });
    return ok({ classId: inv.class_id, accepted: input.accept });
  });
}

/** Who can see a student's progress: the teachers (owner and co-teachers) of each class they belong to. */
export async function teachersOfJoinedClasses(db: DB, studentId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom("class_members as m")
    .innerJoin("class_teachers as t", "t.class_id", "m.class_id")
    .innerJoin("users", "users.id", "t.teacher_id")
    .select(["m.class_id as classId", "users.full_name as name", "t.role"])
    .where("m.student_id", "=", studentId)
    .orderBy("m.class_id")
    .orderBy("t.role", "desc")
    .orderBy("users.full_name")
    .execute();
  const byClass = new Map<number, string[]>();
  for (const r of rows) byClass.set(r.classId, [...(byClass.get(r.classId) ?? []), r.name]);
  return byClass;
}
