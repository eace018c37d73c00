// The classes panel of /dashboard (data from app/classes/dashboard.server.ts).
import type { ClassesDashboardData } from "~/classes/dashboard.server";

export function ClassesPanel({ data }: { data: ClassesDashboardData }) {
  if (!data) return null;
  return null;
}
