// The server's route matching is patched (patches/@remix-run+router+*.patch, applied by `patch-package` on install):
// without the patch every request flattened and ranked all routes and compiled every path's RegExp 4–6 times, about a
// fifth of the server's CPU under load (issue 17). These tests fail when the patch is missing (say after an upgrade of
// Remix: re-create it or drop it on purpose) and check that cached matching still answers like the original.
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const routerPath = require.resolve("@remix-run/router");
const router = require(routerPath) as typeof import("@remix-run/router");

describe("@remix-run/router patch", () => {
  it("is applied to the CommonJS build the server loads", () => {
    expect(routerPath).toMatch(/router\.cjs\.js$/);
    const source = fs.readFileSync(routerPath, "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPathCache");
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
});
