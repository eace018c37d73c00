// The server's route matching is patched (patches/@remix-run+router+*.patch, applied by `patch-package` on install):
// without the patch every request flattened and ranked all routes and compiled every path's RegExp 4–6 times, about a
// fifth of the server's CPU under load (issue 17). These tests fail when the patch is missing (say after an upgrade of
// Remix: re-create it or drop it on purpose) and check that cached matching still answers like the original.
import fs from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const routerPath = require.resolve("@remix-run/router");
const router = require(routerPath) as typeof import("@remix-run/router");
// The package's ES module build is not patched: the reference the patched matching must agree with.
const reference = (await import(routerPath.replace(/router\.cjs\.js$/, "router.js"))) as typeof import("@remix-run/router");

describe("@remix-run/router patch", () => {
  it("is applied to the CommonJS build the server loads", () => {
    expect(routerPath).toMatch(/router\.cjs\.js$/);
    const source = fs.readFileSync(routerPath, "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPathCache");
    expect(source).toContain("branchCouldMatch");
    const patches = fs.readdirSync("patches").filter((f) => f.startsWith("@remix-run+router+"));
    const installed = JSON.parse(fs.readFileSync(require.resolve("@remix-run/router/package.json"), "utf8")).version;
    expect(patches).toEqual([`@remix-run+router+${installed}.patch`]);
  });

  it("matches like the unpatched router, call after call on the same routes", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "index", index: true },
          { id: "workshop", path: "workshops/:slug" },
          { id: "booking", path: "bookings/:id/checkin" },
          { id: "optional", path: "lang/:code?" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => [m.route.id, m.params]);
    for (let round = 0; round < 3; round++) {
      expect(ids("/")).toEqual([["root", {}], ["index", {}]]);
      expect(ids("/workshops/robot-co-ban")).toEqual([["root", { slug: "robot-co-ban" }], ["workshop", { slug: "robot-co-ban" }]]);
      expect(ids("/workshops/lap-trinh")?.[1]).toEqual(["workshop", { slug: "lap-trinh" }]);
      expect(ids("/Bookings/7/checkin/")?.[1]).toEqual(["booking", { id: "7" }]);
      expect(ids("/lang")?.[1]).toEqual(["optional", { code: undefined }]);
      expect(ids("/lang/en")?.[1]).toEqual(["optional", { code: "en" }]);
      expect(ids("/no/such/page")?.[1]).toEqual(["splat", { "*": "no/such/page" }]);
    }
    // Matching a path against a pattern directly (used by useMatch and the fog-of-war manifest) is unchanged too.
    expect(router.matchPath({ path: "/a/:id", end: false }, "/a/3/b")?.params).toEqual({ id: "3" });
    expect(router.matchPath({ path: "/a/:id", end: true }, "/a/3/b")).toBeNull();
    expect(router.matchPath({ path: "/A/:id", caseSensitive: true }, "/a/3")).toBeNull();
    expect(router.matchPath({ path: "/A/:id" }, "/a/3")?.params).toEqual({ id: "3" });
  });

  it("finds exactly the unpatched router's matches on a tree shaped like the app's, for any path", () => {
    // Root layout, index, nested layouts with their own index, dynamic and static siblings, escaped dots, a
    // pathless layout, an optional segment, a case-sensitive route and the catch-all, as Remix builds them.
    const routes = [
      {
        id: "root",
        path: "",
        children: [
          { id: "home", index: true },
          { id: "catalog", path: "catalog" },
          { id: "workshop", path: "workshops/:slug" },
          { id: "workshop-data", path: "workshops/:slug/sessions/:sessionId" },
          { id: "classes", path: "classes", children: [{ id: "classes-index", index: true }, { id: "class", path: ":classId", children: [{ id: "class-index", index: true }, { id: "progress", path: "progress" }, { id: "csv", path: "progress.csv" }, { id: "student", path: "students/:studentId" }] }, { id: "classes-new", path: "new" }] },
          { id: "well-known", path: ".well-known/did.json" },
          { id: "pdf", path: "certificates/:id.pdf" },
          { id: "layout", children: [{ id: "staff", path: "staff" }, { id: "staff-course", path: "staff/courses/:id/report" }] },
          { id: "optional", path: "lang/:code?" },
          { id: "strict", path: "Strict/:x", caseSensitive: true },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const both = (path: string) => {
      const shape = (m: ReturnType<typeof router.matchRoutes>) => m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, base: x.pathnameBase }));
      return [shape(router.matchRoutes(routes, path)), shape(reference.matchRoutes(routes, path))];
    };
    for (const path of ["/", "", "/catalog", "/catalog/", "/CATALOG", "/workshops/robot-co-ban", "/workshops//x", "/workshops/a/sessions/3", "/classes", "/classes/", "/classes/new", "/classes/7", "/classes/7/progress", "/classes/7/progress.csv", "/classes/7/progressXcsv", "/classes/7/students/9", "/.well-known/did.json", "/-well-known/did.json", "/certificates/AB12.pdf", "/staff", "/staff/courses/3/report", "/lang", "/lang/en", "/Strict/1", "/strict/1", "/a%20b", "/workshops/r%C3%B4-b%E1%BB%91t", "/%2F", "/x/y/z"]) {
      const [patched, unpatched] = both(path);
      expect(patched, path).toEqual(unpatched);
    }
    const segment = fc.constantFrom("", "catalog", "workshops", "classes", "new", "progress", "progress.csv", "students", "7", "sessions", ".well-known", "did.json", "certificates", "a.pdf", "staff", "courses", "report", "lang", "en", "Strict", "strict", "x", "%20", "é", "CLASSES");
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, trailing) => {
        const path = "/" + segments.join("/") + (trailing ? "/" : "");
        const [patched, unpatched] = both(path);
        expect(patched, path).toEqual(unpatched);
      }),
      { numRuns: 3000 },
    );
  });
});
