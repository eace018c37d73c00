// Schools and their members: joining, proposing a new school, coordinators and staff deciding requests.
import type { SessionUser } from "~/auth/roles";
import { inTransaction, type DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { notify } from "~/notifications/notifications.server";
import type { SchoolProfileInput } from "./schemas";

export type MembershipRole = "teacher" | "coordinator";

/** The member role a user asks for follows their account role. */
export function membershipRoleFor(user: Pick<SessionUser, "role">): MembershipRole {
  return user.role === "coordinator" ? "coordinator" : "teacher";
}

export async function listMyMemberships(db: DB, userId: number) {
  return db
    .selectFrom("school_memberships as m")
    .innerJoin("schools as s", "s.id", "m.school_id")
    .select(["m.id", "m.school_id", "m.role", "m.status", "m.created_at", "s.name", "s.status as school_status", "s.address", "s.district", "s.province", "s.phone", "s.email"])
    .where("m.user_id", "=", userId)
    .orderBy("s.name")
    .execute();
}

/** Schools where the user may act (book, see bookings): approved membership of an approved school. */
export async function approvedSchoolsOf(db: DB, userId: number) {
  return db
    .selectFrom("school_memberships as m")
    .innerJoin("schools as s", "s.id", "m.school_id")
    .select(["s.id", "s.name", "m.role"])
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "approved")
    .where("s.status", "=", "approved")
    .orderBy("s.name")
    .execute();
}

export async function approvedSchoolIdsOf(db: DB, userId: number): Promise<number[]> {
  return (await approvedSchoolsOf(db, userId)).map((s) => s.id);
}

export async function isCoordinatorOf(db: DB, userId: number, schoolId: number): Promise<boolean> {
  const row = await db
    .selectFrom("school_memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("school_id", "=", schoolId)
    .where("role", "=", "coordinator")
    .where("status", "=", "approved")
    .executeTakeFirst();
  return !!row;
}

export async function listApprovedSchools(db: DB) {
  return db.selectFrom("schools").select(["id", "name", "district", "province"]).where("status", "=", "approved").orderBy("name").execute();
}

export type JoinResult = { ok: true } | { ok: false; error: "schools.errors.notFound" | "schools.errors.alreadyMember" };

/** A pending membership request for an approved school; asking twice is refused, not duplicated. */
export async function requestMembership(db: DB, user: Pick<SessionUser, "id" | "role">, schoolId: number): Promise<JoinResult> {
  const school = await db.selectFrom("schools").select("id").where("id", "=", schoolId).where("status", "=", "approved").executeTakeFirst();
  if (!school) return { ok: false, error: "schools.errors.notFound" };
  const r = await db
    .insertInto("school_memberships")
    .values({ school_id: schoolId, user_id: user.id, role: membershipRoleFor(user), status: "pending", decided_by: null, created_at: nowIso(), decided_at: null })
    .onConflict((oc) => oc.columns(["school_id", "user_id"]).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, error: "schools.errors.alreadyMember" };
  return { ok: true };
}

/** A new school waiting for staff, with the proposer's pending membership. */
export async function proposeSchool(db: DB, user: SessionUser, input: SchoolProfileInput): Promise<number> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const school = await trx
      .insertInto("schools")
      .values({ ...input, status: "pending", created_by: user.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("school_memberships")
      .values({ school_id: school.id, user_id: user.id, role: membershipRoleFor(user), status: "pending", decided_by: null, created_at: now, decided_at: null })
      .execute();
    return school.id;
  });
}

export async function updateSchoolProfile(db: DB, schoolId: number, input: SchoolProfileInput): Promise<void> {
  await db.updateTable("schools").set(input).where("id", "=", schoolId).execute();
}

/** Pending teacher requests of the schools a coordinator runs (coordinator requests go to staff). */
export async function listPendingTeachersFor(db: DB, schoolIds: number[]) {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom("school_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.school_id", "m.role", "m.created_at", "u.full_name", "u.email"])
    .where("m.school_id", "in", schoolIds)
    .where("m.status", "=", "pending")
    .where("m.role", "=", "teacher")
    .orderBy("m.created_at")
    .execute();
}

export async function listMembersOf(db: DB, schoolIds: number[]) {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom("school_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.school_id", "m.role", "u.full_name", "u.email"])
    .where("m.school_id", "in", schoolIds)
    .where("m.status", "=", "approved")
    .orderBy("u.full_name")
    .execute();
}

/**
 * Decides a pending membership. `scope` limits what the decider may touch: a coordinator only teacher
 * requests of their own schools; staff anything. Returns false when nothing pending matched (decided twice: harmless).
 */
export async function decideMembership(
  db: DB,
  input: { membershipId: number; approve: boolean; deciderId: number; scope: { schoolIds: number[]; teachersOnly: boolean } | "all" },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    let q = trx
      .updateTable("school_memberships")
      .set({ status: input.approve ? "approved" : "rejected", decided_by: input.deciderId, decided_at: nowIso() })
      .where("id", "=", input.membershipId)
      .where("status", "=", "pending");
    if (input.scope !== "all") {
      if (input.scope.schoolIds.length === 0) return false;
      q = q.where("school_id", "in", input.scope.schoolIds);
      if (input.scope.teachersOnly) q = q.where("role", "=", "teacher");
    }
    const row = await q.returning(["user_id", "school_id"]).executeTakeFirst();
    if (!row) return false;
    const school = await trx.selectFrom("schools").select("name").where("id", "=", row.school_id).executeTakeFirstOrThrow();
    await notify(trx, {
      userId: row.user_id,
      messageKey: input.approve ? "schools.notify.membershipApproved" : "schools.notify.membershipRejected",
      params: { school: school.name },
      link: "/school",
    });
    return true;
  });
}

/** Staff decide a proposed school; approving it also approves its proposer's pending membership. */
export async function decideSchool(db: DB, input: { schoolId: number; approve: boolean; staffId: number }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("schools")
      .set({ status: input.approve ? "approved" : "rejected" })
      .where("id", "=", input.schoolId)
      .where("status", "=", "pending")
      .returning(["name", "created_by"])
      .executeTakeFirst();
    if (!row) return false;
    if (row.created_by !== null) {
      await trx
        .updateTable("school_memberships")
        .set({ status: input.approve ? "approved" : "rejected", decided_by: input.staffId, decided_at: nowIso() })
        .where("school_id", "=", input.schoolId)
        .where("user_id", "=", row.created_by)
        .where("status", "=", "pending")
        .execute();
      await notify(trx, {
        userId: row.created_by,
        messageKey: input.approve ? "schools.notify.schoolApproved" : "schools.notify.schoolRejected",
        params: { school: row.name },
        link: "/school",
      });
    }
    return true;
  });
}

export const STAFF_SCHOOLS_PAGE_SIZE = 30;

export async function listPendingForStaff(db: DB) {
  const [schools, memberships] = await Promise.all([
    db
      .selectFrom("schools as s")
      .leftJoin("users as u", "u.id", "s.created_by")
      .select(["s.id", "s.name", "s.address", "s.district", "s.province", "s.phone", "s.email", "s.created_at", "u.full_name as proposer"])
      .where("s.status", "=", "pending")
      .orderBy("s.created_at")
      .limit(100)
      .execute(),
    db
      .selectFrom("school_memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .innerJoin("schools as s", "s.id", "m.school_id")
      .select(["m.id", "m.role", "m.created_at", "u.full_name", "u.email", "s.name as school_name", "s.status as school_status"])
      .where("m.status", "=", "pending")
      .orderBy("m.created_at")
      .limit(100)
      .execute(),
  ]);
  return { schools, memberships };
}

export async function listSchoolsPage(db: DB, page: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("schools")
      .select(["id", "name", "district", "province", "status"])
      .where("status", "=", "approved")
      .orderBy("name")
      .limit(STAFF_SCHOOLS_PAGE_SIZE)
      .offset((page - 1) * STAFF_SCHOOLS_PAGE_SIZE)
      .execute(),
    db.selectFrom("schools").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "approved").executeTakeFirstOrThrow(),
  ]);
  return { rows, pages: Math.max(1, Math.ceil(Number(total.n) / STAFF_SCHOOLS_PAGE_SIZE)) };
}
