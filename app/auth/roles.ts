// Who someone is, as every capability needs it: the signed-in user and the role checks that do not need a request.
import type { Role } from "#db/schema";
import type { SessionUser } from "./lucia.server";

export type { SessionUser };

export const STAFF_ROLES: Role[] = ["staff", "admin"];

export function isStaff(user: Pick<SessionUser, "role"> | null | undefined): boolean {
  return !!user && (user.role === "staff" || user.role === "admin");
}
