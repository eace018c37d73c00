// Schools and their members: joining, proposing a new school, coordinators and staff deciding requests.
import type { SessionUser } from "~/auth/roles";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { notify } from "~/notifications/notifications.server";
import type { SchoolProfileInput } from "./schemas";

export type MembershipRole = "teacher" | "coordinator";

export type SchoolRefusal = "unknownSchool" | "alreadyMember" | "notCoordinator" | "alreadyDecided";

/** The member role a user asks for follows their account role. */
export function membershipRoleFor(user: Pick<SessionUser, "role">): MembershipRole {
  return user.role === "coordinator" ? "coordinator" : "teacher";
}

/** The user's memberships (any status), with their schools' details. */
export async function listMyMemberships(db: DB, userId: number) {
  const rows = await db
    .selectFrom("school_memberships as m")
    .innerJoin("schools as s", "s.id", "m.school_id")
    .select(["m.id", "m.school_id", "m.role", "m.status", "m.created_at", "s.name", "s.status as school_status", "s.address", "s.district", "s.province", "s.phone", "s.email"])
    .where("m.user_id", "=", userId)
    .orderBy("s.name")
    .execute();
  return rows.map((m) => ({
    id: m.id,
    role: m.role,
    status: m.status,
    createdAt: m.created_at,
    school: { id: m.school_id, name: m.name, status: m.school_status, address: m.address, district: m.district, province: m.province, phone: m.phone, email: m.email },
  }));
}

/** Whether the user waits for a membership to be decided (at any school). */
export async function hasPendingMembership(db: DB, userId: number): Promise<boolean> {
  const row = await db.selectFrom("school_memberships").select("id").where("user_id", "=", userId).where("status", "=", "pending").executeTakeFirst();
  return !!row;
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

export async function listApprovedSchools(db: DB) {
  return db.selectFrom("schools").select(["id", "name", "district", "province"]).where("status", "=", "approved").orderBy("name").execute();
}

/** A pending membership request for an approved school; asking twice is refused, not duplicated. */
export async function requestMembership(
  db: DB,
  input: { user: Pick<SessionUser, "id" | "role">; schoolId: number; now: string },
): Promise<Result<void, SchoolRefusal>> {
  const { user, schoolId, now } = input;
  const school = await db.selectFrom("schools").select("id").where("id", "=", schoolId).where("status", "=", "approved").executeTakeFirst();
  if (!school) return refuse("unknownSchool");
  const r = await db
    .insertInto("school_memberships")
    .values({ school_id: schoolId, user_id: user.id, role: membershipRoleFor(user), status: "pending", decided_by: null, created_at: now, decided_at: null })
    .onConflict((oc) => oc.columns(["school_id", "user_id"]).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return refuse("alreadyMember");
  return ok();
}

/** A new school waiting for staff, with the proposer's pending membership. */
export async function proposeSchool(db: DB, input: { user: SessionUser; profile: SchoolProfileInput; now: string }): Promise<number> {
  const { user, profile, now } = input;
  return inTransaction(db, async (trx) => {
    const school = await trx
      .insertInto("schools")
      .values({ ...profile, status: "pending", created_by: user.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("school_memberships")
      .values({ school_id: school.id, user_id: user.id, role: membershipRoleFor(user), status: "pending", decided_by: null, created_at: now, decided_at: null })
      .execute();
    return school.id;
  });
}

/** Only an approved coordinator of the school changes its details (checked in the update itself). */
export async function updateSchoolProfile(
  db: DB,
  input: { user: Pick<SessionUser, "id">; schoolId: number; profile: SchoolProfileInput },
): Promise<Result<void, SchoolRefusal>> {
  const r = await db
    .updateTable("schools")
    .set(input.profile)
    .where("id", "=", input.schoolId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("school_memberships as m")
          .select("m.id")
          .whereRef("m.school_id", "=", "schools.id")
          .where("m.user_id", "=", input.user.id)
          .where("m.role", "=", "coordinator")
          .where("m.status", "=", "approved"),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? ok() : refuse("notCoordinator");
}

/** Pending teacher requests of the schools a coordinator runs (coordinator requests go to staff). */
export async function listPendingTeachersFor(db: DB, schoolIds: number[]) {
  if (schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom("school_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.school_id", "m.role", "m.created_at", "u.full_name", "u.email"])
    .where("m.school_id", "in", schoolIds)
    .where("m.status", "=", "pending")
    .where("m.role", "=", "teacher")
    .orderBy("m.created_at")
    .execute();
  return rows.map((m) => ({ id: m.id, schoolId: m.school_id, role: m.role, createdAt: m.created_at, fullName: m.full_name, email: m.email }));
}

export async function listMembersOf(db: DB, schoolIds: number[]) {
  if (schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom("school_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.school_id", "m.role", "u.full_name", "u.email"])
    .where("m.school_id", "in", schoolIds)
    .where("m.status", "=", "approved")
    .orderBy("u.full_name")
    .execute();
  return rows.map((m) => ({ id: m.id, schoolId: m.school_id, role: m.role, fullName: m.full_name, email: m.email }));
}

/**
 * Decides a pending membership. `scope` limits what the decider may touch: a coordinator only teacher
 * requests of their own schools; staff anything. Refused when nothing pending matched (decided twice: harmless).
 */
export async function decideMembership(
  db: DB,
  input: { membershipId: number; approve: boolean; deciderId: number; scope: { schoolIds: number[]; teachersOnly: boolean } | "all"; now: string },
): Promise<Result<void, SchoolRefusal>> {
  return inTransaction(db, async (trx): Promise<Result<void, SchoolRefusal>> => {
    let q = trx
      .updateTable("school_memberships")
      .set({ status: input.approve ? "approved" : "rejected", decided_by: input.deciderId, decided_at: input.now })
      .where("id", "=", input.membershipId)
      .where("status", "=", "pending");
    if (input.scope !== "all") {
      if (input.scope.schoolIds.length === 0) return refuse("alreadyDecided");
      q = q.where("school_id", "in", input.scope.schoolIds);
      if (input.scope.teachersOnly) q = q.where("role", "=", "teacher");
    }
    const row = await q.returning(["user_id", "school_id"]).executeTakeFirst();
    if (!row) return refuse("alreadyDecided");
    const school = await trx.selectFrom("schools").select("name").where("id", "=", row.school_id).executeTakeFirstOrThrow();
    await notify(trx, {
      userId: row.user_id,
      messageKey: input.approve ? "schools.notify.membershipApproved" : "schools.notify.membershipRejected",
      params: { school: school.name },
      link: "/school",
    });
    return ok();
  });
}

/** A coordinator decides a teacher's request to join one of the schools they coordinate (nothing else matches). */
export async function decideMembershipAsCoordinator(
  db: DB,
  input: { user: Pick<SessionUser, "id">; membershipId: number; approve: boolean; now: string },
): Promise<Result<void, SchoolRefusal>> {
  const coordinated = (await approvedSchoolsOf(db, input.user.id)).filter((s) => s.role === "coordinator").map((s) => s.id);
  if (coordinated.length === 0) return refuse("notCoordinator");
  return decideMembership(db, {
    membershipId: input.membershipId,
    approve: input.approve,
    deciderId: input.user.id,
    scope: { schoolIds: coordinated, teachersOnly: true },
    now: input.now,
  });
}

/** Staff decide a proposed school; approving it also approves its proposer's pending membership. */
export async function decideSchool(db: DB, input: { schoolId: number; approve: boolean; staffId: number; now: string }): Promise<Result<void, SchoolRefusal>> {
  return inTransaction(db, async (trx): Promise<Result<void, SchoolRefusal>> => {
    const row = await trx
      .updateTable("schools")
      .set({ status: input.approve ? "approved" : "rejected" })
      .where("id", "=", input.schoolId)
      .where("status", "=", "pending")
      .returning(["name", "created_by"])
      .executeTakeFirst();
    if (!row) return refuse("alreadyDecided");
    if (row.created_by !== null) {
      await trx
        .updateTable("school_memberships")
        .set({ status: input.approve ? "approved" : "rejected", decided_by: input.staffId, decided_at: input.now })
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
    return ok();
  });
}

export const STAFF_SCHOOLS_PAGE_SIZE = 30;

export async function listPendingForStaff(db: DB) {
  const [schoolRows, membershipRows] = await Promise.all([
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
  return {
    schools: schoolRows.map((s) => ({
      id: s.id,
      name: s.name,
      address: s.address,
      district: s.district,
      province: s.province,
      phone: s.phone,
      email: s.email,
      createdAt: s.created_at,
      proposer: s.proposer,
    })),
    memberships: membershipRows.map((m) => ({
      id: m.id,
      role: m.role,
      createdAt: m.created_at,
      fullName: m.full_name,
      email: m.email,
      schoolName: m.school_name,
      schoolStatus: m.school_status,
    })),
  };
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
