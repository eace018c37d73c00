// The classes panel of /dashboard: what the signed-in user should see from this capability (null: nothing).
import type { SessionUser } from "~/auth/guards.server";
import type { DB } from "~/lib/db.server";

export type ClassesDashboardData = null;

export async function loadClassesDashboard(_db: DB, _user: SessionUser): Promise<ClassesDashboardData> {
  return null;
}
