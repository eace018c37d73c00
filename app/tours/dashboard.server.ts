// The tours panel of /dashboard: school members see upcoming bookings (or their pending membership);
// staff see the queue size and today's day sheet link.
import { isStaff, type SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal } from "~/lib/time";
import { approvedSchoolIdsOf, hasPendingMembership } from "~/schools/schools.server";
import { listUpcomingForSchools } from "./queries.server";
import type { ToursDashboardData } from "./views";

export type { ToursDashboardData };

export async function loadToursDashboard(db: DB, user: SessionUser, now: string): Promise<ToursDashboardData> {
  if (isStaff(user)) {
    const row = await db
      .selectFrom("tour_bookings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "requested")
      .executeTakeFirstOrThrow();
    return { kind: "staff", requested: Number(row.n), today: isoToVnLocal(now).date };
  }
  if (user.role !== "teacher" && user.role !== "coordinator") return null;
  const schoolIds = await approvedSchoolIdsOf(db, user.id);
  const pending = schoolIds.length ? false : await hasPendingMembership(db, user.id);
  const upcoming = await listUpcomingForSchools(db, { schoolIds, now, locale: user.locale });
  return {
    kind: "school",
    hasSchool: schoolIds.length > 0,
    pending,
    upcoming: upcoming.map((b) => ({ id: b.id, reference: b.reference, status: b.status, startsAt: b.startsAt, title: b.title, students: b.students })),
  };
}
