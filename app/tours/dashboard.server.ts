// The tours panel of /dashboard: school members see upcoming bookings (or their pending membership);
// staff see the queue size and today's day sheet link.
import { isStaff, type SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { approvedSchoolIdsOf } from "~/schools/schools.server";
import { listUpcomingForSchools } from "./queries.server";

export type ToursDashboardData =
  | null
  | { kind: "staff"; requested: number; today: string }
  | {
      kind: "school";
      hasSchool: boolean;
      pending: boolean;
      upcoming: { id: number; reference: string; status: "requested" | "confirmed" | "declined" | "cancelled" | "completed"; starts_at: string; title_vi: string; title_en: string | null; students: number }[];
    };

export async function loadToursDashboard(db: DB, user: SessionUser): Promise<ToursDashboardData> {
  const now = nowIso();
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
  const pending = schoolIds.length
    ? false
    : !!(await db.selectFrom("school_memberships").select("id").where("user_id", "=", user.id).where("status", "=", "pending").executeTakeFirst());
  const upcoming = await listUpcomingForSchools(db, schoolIds, now);
  return {
    kind: "school",
    hasSchool: schoolIds.length > 0,
    pending,
    upcoming: upcoming.map((b) => ({ id: b.id, reference: b.reference, status: b.status, starts_at: b.starts_at, title_vi: b.title_vi, title_en: b.title_en, students: b.students })),
  };
}
