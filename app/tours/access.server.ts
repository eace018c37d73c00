// Who sees which bookings: staff all; teachers and coordinators those of schools where they are approved members.
import { forbidden } from "~/lib/http.server";
import { isStaff, requireUser, type SessionUser } from "~/lib/guards.server";
import type { DB } from "~/lib/db.server";
import { approvedSchoolsOf } from "~/schools/schools.server";
import type { Actor } from "./lifecycle.server";
import type { BookingScope } from "./queries.server";

export interface BookingAccess {
  user: SessionUser;
  scope: BookingScope;
  actor: Actor;
}

export async function requireBookingAccess(db: DB, request: Request): Promise<BookingAccess> {
  const user = await requireUser(request);
  if (isStaff(user)) return { user, scope: { staff: true }, actor: { userId: user.id, kind: "staff" } };
  if (user.role !== "teacher" && user.role !== "coordinator") throw forbidden();
  const schools = await approvedSchoolsOf(db, user.id);
  const schoolIds = schools.map((s) => s.id);
  return {
    user,
    scope: { staff: false, schoolIds },
    actor: { userId: user.id, kind: "school", schoolIds, coordinatorOf: schools.filter((s) => s.role === "coordinator").map((s) => s.id) },
  };
}
