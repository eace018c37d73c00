// The certificates panel of /dashboard: what the signed-in user should see from this capability (null: nothing).
import type { SessionUser } from "~/auth/guards.server";
import type { DB } from "~/lib/db.server";

export type CertificatesDashboardData = null;

export async function loadCertificatesDashboard(_db: DB, _user: SessionUser): Promise<CertificatesDashboardData> {
  return null;
}
