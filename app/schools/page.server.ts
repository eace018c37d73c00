// Everything /school shows for one user: memberships, schools to join, and what coordinators manage.
import type { SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { listApprovedSchools, listMembersOf, listMyMemberships, listPendingTeachersFor } from "./schools.server";

export async function loadMySchoolPage(db: DB, user: SessionUser) {
  const memberships = await listMyMemberships(db, user.id);
  const coordinated = memberships.filter((m) => m.role === "coordinator" && m.status === "approved" && m.school.status === "approved");
  const coordinatedIds = coordinated.map((m) => m.school.id);
  const [schools, pending, members] = await Promise.all([
    listApprovedSchools(db),
    listPendingTeachersFor(db, coordinatedIds),
    listMembersOf(db, coordinatedIds),
  ]);
  const mine = new Set(memberships.map((m) => m.school.id));
  return {
    memberships: memberships.map((m) => ({ id: m.id, role: m.role, status: m.status, schoolId: m.school.id, schoolName: m.school.name, schoolStatus: m.school.status })),
    pending: memberships.some((m) => m.status === "pending"),
    joinable: schools.filter((s) => !mine.has(s.id)).map((s) => ({ id: s.id, name: s.name, district: s.district })),
    managed: coordinated.map(({ school }) => ({
      school: { id: school.id, name: school.name, address: school.address, district: school.district, province: school.province, phone: school.phone, email: school.email },
      pending: pending.filter((p) => p.schoolId === school.id),
      members: members.filter((p) => p.schoolId === school.id),
    })),
  };
}
