// The workshops panel of /dashboard (data from app/workshops/dashboard.server.ts).
import type { WorkshopsDashboardData } from "~/workshops/dashboard.server";

export function WorkshopsPanel({ data }: { data: WorkshopsDashboardData }) {
  if (!data) return null;
  return null;
}
