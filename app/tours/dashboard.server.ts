// The tours panel of /dashboard: what the signed-in user should see from this capability (null: nothing).
import type { SessionUser } from "~/auth/guards.server";
import type { DB } from "~/lib/db.server";

export type ToursDashboardData = null;

export async function loadToursDashboard(_db: DB, _user: SessionUser): Promise<ToursDashboardData> {
  return null;
}
