// The tours panel of /dashboard (data from app/tours/dashboard.server.ts).
import type { ToursDashboardData } from "~/tours/dashboard.server";

export function ToursPanel({ data }: { data: ToursDashboardData }) {
  if (!data) return null;
  return null;
}
