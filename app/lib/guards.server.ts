// The one permission helper family for routes: getOptionalUser, requireUser, requireRole, requireStaff.
// They throw the redirect to the login page or a 403; capabilities use ~/auth/roles instead.
import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { readSession } from "~/auth/lucia.server";
import { isStaff, STAFF_ROLES, type SessionUser } from "~/auth/roles";
import { twoFactorRequirement } from "~/auth/two-factor.server";
import { db } from "./db.server";
import { nowIso } from "./time";
import { forbidden } from "./http.server";

export { isStaff, STAFF_ROLES, type SessionUser };

// One session look-up per Request object, however many loaders ask. Remix hands the loaders of one HTTP request
// the same Request (patches/@remix-run+server-runtime: it no longer copies it for each loader), so a page view's
// root and page loaders share one query. After an action, Remix runs the loaders with a new Request: the action
// may have changed the session or the user, so they look it up again.
const cache = new WeakMap<Request, Promise<SessionUser | null>>();

export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  let found = cache.get(request);
  if (!found) {
    found = readSession(request).then((r) => r.user);
    cache.set(request, found);
  }
  return found;
}

const LOCAL = "http://stem-hub.local";

/**
 * Where to come back to after logging in: only a path on this site. Browsers ignore tabs and newlines in URLs and
 * read "\\" as "/", so anything with control characters or backslashes is refused, and what is left must still
 * be same-origin once parsed.
 */
export function safeRedirectPath(to: unknown, fallback = "/dashboard"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, LOCAL);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL || to.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  // Staff and admin whose grace period is over work only after switching on two-step sign-in.
  if (STAFF_ROLES.includes(user.role) && !TWO_FACTOR_FREE_PATHS.has(new URL(request.url).pathname)) {
    if ((await twoFactorRequirement(db, user, nowIso(), { startGrace: false })) === "enrol") throw redirect("/account/two-factor");
  }
  return user;
}

/** Pages a user who must enrol can still reach. */
const TWO_FACTOR_FREE_PATHS = new Set(["/account/two-factor", "/logout"]);

export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export function requireStaff(request: Request): Promise<SessionUser> {
  return requireRole(request, "staff", "admin");
}
