// Withdrawing a school membership (issue 11). A coordinator of the school revokes a teacher's membership; staff
// revoke any. Access ends at once, because every school-scoped check reads approved memberships (classes, bookings,
// the school page), and the classes stay with the school: the person loses their seat in each class of that
// school, and a class they owned passes to an approved co-teacher or, failing one, to the revoking coordinator
// (or another coordinator of the school). Recorded in the security log.
import type { SessionUser } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { notify } from "~/notifications/notifications.server";

/** notFound: no approved membership with this id that the user may revoke (also: revoking oneself). */
export type RevokeRefusal = "notFound";

export interface Revoked {
  userId: number;
  schoolId: number;
  /** Classes whose ownership passed to someone else, and classes left with no teacher of the school (staff see them). */
  handedOver: number;
  orphaned: number;
}

export async function revokeMembership(
  db: DB,
  input: { membershipId: number; by: Pick<SessionUser, "id" | "role">; ip: string; now: string },
): Promise<Result<Revoked, RevokeRefusal>> {
  const staff = isStaff(input.by);
  return inTransaction(db, async (trx): Promise<Result<Revoked, RevokeRefusal>> => {
    let q = trx
      .updateTable("school_memberships")
      .set({ status: "rejected", decided_by: input.by.id, decided_at: input.now })
      .where("id", "=", input.membershipId)
      .where("status", "=", "approved")
      .where("user_id", "!=", input.by.id);
    if (!staff) {
      // A coordinator: teacher memberships of a school they coordinate (approved, at an approved school).
      q = q
        .where("role", "=", "teacher")
        .where("school_id", "in", (eb) =>
          eb
            .selectFrom("school_memberships as c")
            .innerJoin("schools as s", "s.id", "c.school_id")
            .select("c.school_id")
            .where("c.user_id", "=", input.by.id)
            .where("c.role", "=", "coordinator")
            .where("c.status", "=", "approved")
            .where("s.status", "=", "approved"),
        );
    }
    const row = await q.returning(["user_id", "school_id", "role"]).executeTakeFirst();
    if (!row) return refuse("notFound");

    // The classes of that school the person teaches, with who else teaches them (one query).
    const seats = await trx
      .selectFrom("class_teachers as mine")
      .innerJoin("classes", "classes.id", "mine.class_id")
      .select(["classes.id", "mine.role"])
      .where("mine.teacher_id", "=", row.user_id)
      .where("classes.school_id", "=", row.school_id)
      .execute();
    const owned = seats.filter((s) => s.role === "owner").map((s) => s.id);
    let handedOver = 0;
    let orphaned = 0;
    if (owned.length) {
      const [coTeachers, coordinators] = await Promise.all([
        trx
          .selectFrom("class_teachers as t")
          .innerJoin("school_memberships as m", (j) => j.onRef("m.user_id", "=", "t.teacher_id").on("m.school_id", "=", row.school_id).on("m.status", "=", "approved"))
          .select(["t.class_id", "t.teacher_id"])
          .where("t.class_id", "in", owned)
          .where("t.teacher_id", "!=", row.user_id)
          .orderBy("t.created_at")
          .orderBy("t.teacher_id")
          .execute(),
        trx
          .selectFrom("school_memberships")
          .select("user_id")
          .where("school_id", "=", row.school_id)
          .where("role", "=", "coordinator")
          .where("status", "=", "approved")
          .where("user_id", "!=", row.user_id)
          .orderBy("decided_at")
          .orderBy("user_id")
          .execute(),
      ]);
      const fallback = !staff ? input.by.id : coordinators[0]?.user_id ?? null;
      for (const classId of owned) {
        const heir = coTeachers.find((c) => c.class_id === classId)?.teacher_id ?? fallback;
        if (heir === null) {
          orphaned++;
          continue;
        }
        await trx
          .insertInto("class_teachers")
          .values({ class_id: classId, teacher_id: heir, role: "owner", created_at: input.now })
          .onConflict((oc) => oc.columns(["class_id", "teacher_id"]).doUpdateSet({ role: "owner" }))
          .execute();
        await trx.updateTable("classes").set({ owner_id: heir, updated_at: input.now }).where("id", "=", classId).execute();
        handedOver++;
      }
    }
    if (seats.length) {
      await trx
        .deleteFrom("class_teachers")
        .where("teacher_id", "=", row.user_id)
        .where("class_id", "in", seats.map((s) => s.id))
        .execute();
    }
    const school = await trx.selectFrom("schools").select("name").where("id", "=", row.school_id).executeTakeFirstOrThrow();
    await notify(trx, { userId: row.user_id, messageKey: "schools.notify.membershipRevoked", params: { school: school.name }, link: "/school" }, input.now);
    await recordAudit(trx, {
      actor: { userId: input.by.id, ip: input.ip },
      action: "school.membershipRevoked",
      subject: { type: "school_membership", id: input.membershipId },
      details: { userId: row.user_id, schoolId: row.school_id, role: row.role, classesHandedOver: handedOver, classesOrphaned: orphaned, classesLeft: seats.length },
      now: input.now,
    });
    return ok({ userId: row.user_id, schoolId: row.school_id, handedOver, orphaned });
  });
}
