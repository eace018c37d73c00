// The courses panel of /dashboard: what the signed-in user should see from this capability (null: nothing).
import type { SessionUser } from "~/auth/guards.server";
import type { DB } from "~/lib/db.server";

export type CoursesDashboardData = null;

export async function loadCoursesDashboard(_db: DB, _user: SessionUser): Promise<CoursesDashboardData> {
  return null;
}
