// Everything /school shows for one user: memberships, schools to join, and what coordinators manage.
import type { SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { listApprovedSchools, listMembersOf, listMyMemberships, listPendingTeachersFor } from "./schools.server";

export async function loadMySchoolPage(db: DB, user: SessionUser) {
  const memberships = await listMyMemberships(db, user.id);
  const coordinated = memberships.filter((m) => m.role === "coordinator" && m.status === "approved" && m.school_status === "approved");
  const coordinatedIds = coordinated.map((m) => m.school_id);
  const [schools, pending, members] = await Promise.all([
    listApprovedSchools(db),
    listPendingTeachersFor(db, coordinatedIds),
    listMembersOf(db, coordinatedIds),
  ]);
  const mine = new Set(memberships.map((m) => m.school_id));
  return {
    memberships,
    joinable: schools.filter((s) => !mine.has(s.id)),
    managed: coordinated.map((m) => ({
      school: { id: m.school_id, name: m.name, address: m.address, district: m.district, province: m.province, phone: m.phone, email: m.email },
      pending: pending.filter((p) => p.school_id === m.school_id),
      members: members.filter((p) => p.school_id === m.school_id),
    })),
  };
}
