// The courses panel of /dashboard (data from app/courses/dashboard.server.ts).
import type { CoursesDashboardData } from "~/courses/dashboard.server";

export function CoursesPanel({ data }: { data: CoursesDashboardData }) {
  if (!data) return null;
  return null;
}
