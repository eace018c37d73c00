// Navigation by role: one table, so the header and the staff hub agree.
import type { Role } from "#db/schema";
import type { MessageKey } from "~/i18n";

export interface NavLink {
  to: string;
  label: MessageKey;
}

export function navLinksFor(role: Role | null): NavLink[] {
  const links: NavLink[] = [{ to: "/catalog", label: "nav.catalog" }, { to: "/lab", label: "nav.lab" }];
  if (!role) return links;
  links.push({ to: "/dashboard", label: "nav.dashboard" });
  if (role === "student") links.push({ to: "/schedule", label: "nav.schedule" });
  if (role === "guardian") links.push({ to: "/guardian", label: "nav.guardian" });
  if (role === "teacher") links.push({ to: "/classes", label: "nav.classes" });
  if (role === "teacher" || role === "coordinator") links.push({ to: "/bookings", label: "nav.bookings" });
  if (role === "teacher" || role === "coordinator") links.push({ to: "/school", label: "nav.school" });
  if (role === "student" || role === "teacher") links.push({ to: "/certificates", label: "nav.certificates" });
  if (role === "staff" || role === "admin") links.push({ to: "/staff", label: "nav.staff" });
  return links;
}

export interface StaffLink {
  to: string;
  label: MessageKey;
  roles?: Role[];
}

/** Tasks listed on /staff. Each capability adds its own entry here. */
export const staffLinks: StaffLink[] = [
  { to: "/staff/programs", label: "nav.staffPrograms" },
  { to: "/staff/courses", label: "nav.staffCourses" },
  { to: "/staff/tours", label: "nav.staffTours" },
  { to: "/staff/bookings", label: "nav.staffBookings" },
  { to: "/staff/schools", label: "nav.staffSchools" },
  // Every class (read-only for staff, besides registering a class past the workshop rules on its enrol tab).
  { to: "/classes", label: "classes.titleAll" },
  { to: "/staff/certificates", label: "nav.staffCertificates" },
  { to: "/staff/lab", label: "nav.staffLab" },
  { to: "/staff/insights", label: "nav.staffInsights" },
  { to: "/staff/outbox", label: "nav.staffOutbox" },
  { to: "/admin/users", label: "nav.admin", roles: ["admin"] },
  { to: "/admin/audit", label: "audit.title" },
  { to: "/admin/centre", label: "nav.adminCentre", roles: ["admin"] },
];
