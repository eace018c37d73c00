// Who sees which bookings: staff all; teachers and coordinators those of schools where they are approved members.
import { isStaff, type SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { approvedSchoolsOf } from "~/schools/schools.server";
import type { Actor } from "./lifecycle.server";
import type { BookingScope } from "./queries.server";

export interface BookingAccess {
  user: SessionUser;
  scope: BookingScope;
  actor: Actor;
}

/** What this user may see and do with bookings; null when their role has no bookings at all (routes answer 403). */
export async function bookingAccessFor(db: DB, user: SessionUser): Promise<BookingAccess | null> {
  if (isStaff(user)) return { user, scope: { staff: true }, actor: { userId: user.id, kind: "staff" } };
  if (user.role !== "teacher" && user.role !== "coordinator") return null;
  const schools = await approvedSchoolsOf(db, user.id);
  const schoolIds = schools.map((s) => s.id);
  return {
    user,
    scope: { staff: false, schoolIds },
    actor: { userId: user.id, kind: "school", schoolIds, coordinatorOf: schools.filter((s) => s.role === "coordinator").map((s) => s.id) },
  };
}
