// Every request the benchmark sends, in one place: when a route changes its URL, its form fields or its reply
// (a redirect instead of a page, say), adjust it here. Requests are plain objects so they can be sent to the
// load-generating child process: { method, path, headers, body, follow, expect }.
//   follow: after a 3xx, GET the Location too (with the same cookie) and count both, as a browser waits.
//   expect: status classes that count as a success ("2xx", "3xx"); anything else is reported as an error.

/** The program whose registration opens at 08:00 (issue 17), and the course of the staff report. */
export const STORM_PROGRAM_SLUG = "robot-co-ban";
export const REPORT_COURSE_SLUG = "lap-trinh-python-cho-hoc-sinh";
/** lucia's cookie (app/auth/lucia.server.ts). */
export const SESSION_COOKIE = "stemhub_session";

export const catalogRequest = () => ({ method: "GET", path: "/catalog", headers: { accept: "text/html" }, expect: ["2xx"] });

export const programPageRequest = (slug = STORM_PROGRAM_SLUG) => ({
  method: "GET",
  path: `/workshops/${slug}`,
  headers: { accept: "text/html" },
  expect: ["2xx"],
});

const cookie = (sessionId) => `${SESSION_COOKIE}=${sessionId}`;

/** The fields of the register button on /workshops/<slug> (app/components/workshops/SessionCard.tsx). */
export const registrationBody = (sessionId) => new URLSearchParams({ intent: "register", sessionId: String(sessionId) }).toString();

/**
 * A no-JS form post as a browser sends it: a document request to the page's URL. If the app answers with a
 * redirect (Post/Redirect/Get), the page it redirects to is fetched too and counted in the latency.
 */
export function formRegistrationRequest({ origin, slug = STORM_PROGRAM_SLUG, sessionId, userSessionId }) {
  return {
    method: "POST",
    path: `/workshops/${slug}`,
    headers: {
      accept: "text/html,application/xhtml+xml",
      "content-type": "application/x-www-form-urlencoded",
      origin,
      cookie: cookie(userSessionId),
    },
    body: registrationBody(sessionId),
    follow: true,
    expect: ["2xx", "3xx"],
  };
}

/** The same form submitted by Remix's client (single fetch): POST <url>.data, the action's data only. */
export function dataRegistrationRequest({ origin, slug = STORM_PROGRAM_SLUG, sessionId, userSessionId }) {
  return {
    method: "POST",
    path: `/workshops/${slug}.data`,
    headers: {
      accept: "*/*",
      "content-type": "application/x-www-form-urlencoded",
      origin,
      cookie: cookie(userSessionId),
    },
    body: registrationBody(sessionId),
    follow: false,
    expect: ["2xx"],
  };
}

/** A signed-in page view (page timings). */
export const pageRequest = (path, userSessionId) => ({
  method: "GET",
  path,
  headers: { accept: "text/html", ...(userSessionId ? { cookie: cookie(userSessionId) } : {}) },
  expect: ["2xx"],
});

/**
 * The pages timed at 1k and 100k students, with who looks at them. `optional`: a page that may not exist yet
 * (a 404 is reported as "not built", not as a failure).
 */
export function timedPages(fx) {
  return [
    { name: "staff course report", path: `/staff/courses/${fx.courseId}/report`, as: "staff" },
    // Orders whose ties are large at 100k (thousands of learners at 100 %, or with no activity): a page past the
    // end shows the last page.
    { name: "course report, progress ↓ p.3", path: `/staff/courses/${fx.courseId}/report?sort=progress&dir=desc&page=3`, as: "staff" },
    { name: "course report, activity, last p.", path: `/staff/courses/${fx.courseId}/report?sort=activity&dir=asc&page=9999`, as: "staff" },
    { name: "admin users, last page", path: `/admin/users?page=${fx.lastUserPage}`, as: "admin" },
    { name: "staff certificates, last page", path: `/staff/certificates?page=${fx.lastCertificatePage}`, as: "staff" },
    { name: "class progress (its teacher)", path: `/classes/${fx.classId}/progress`, as: "teacher" },
    { name: "dashboard (student)", path: "/dashboard", as: "student" },
    { name: "dashboard (teacher)", path: "/dashboard", as: "teacher" },
    { name: "/staff", path: "/staff", as: "staff" },
    { name: "staff insights", path: "/staff/insights", as: "staff", optional: true },
    // Signed in, so the render is timed: a visitor without a session is served from the page cache.
    { name: "/catalog (rendered, signed in)", path: "/catalog", as: "student" },
  ];
}
