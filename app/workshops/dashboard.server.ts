// The workshops panel of /dashboard: what the signed-in user should see from this capability (null: nothing).
import type { SessionUser } from "~/auth/guards.server";
import type { DB } from "~/lib/db.server";

export type WorkshopsDashboardData = null;

export async function loadWorkshopsDashboard(_db: DB, _user: SessionUser): Promise<WorkshopsDashboardData> {
  return null;
}
