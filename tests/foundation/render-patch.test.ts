// Server rendering reuses the build's route tree (patches/@remix-run+react+*.patch and react-router-dom+*.patch,
// applied by `patch-package` on install): without them each page created ~110 route objects, converted them to
// data routes and flattened and ranked the new tree again (≈ 0.4 ms a page, issue 17). These tests fail when a
// patch is missing (after an upgrade: re-create it or drop it on purpose).
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

function installedVersion(pkg: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [require.resolve("@remix-run/react")] }), "utf8")).version;
}

describe("render patches", () => {
  it("are applied to the builds the server loads", () => {
    const remixServer = require.resolve("@remix-run/react/dist/server.js");
    expect(fs.readFileSync(remixServer, "utf8")).toContain("serverRoutesCache");
    expect(fs.readFileSync(remixServer.replace(/dist\/server\.js$/, "dist/esm/server.js"), "utf8")).toContain("serverRoutesCache");
    const routerDomServer = require.resolve("react-router-dom/server.js", { paths: [require.resolve("@remix-run/react")] });
    expect(fs.readFileSync(routerDomServer, "utf8")).toContain("dataRoutesCache");
    expect(fs.readFileSync(routerDomServer.replace(/server\.js$/, "server.mjs"), "utf8")).toContain("dataRoutesCache");
    const patches = fs.readdirSync("patches");
    expect(patches).toContain(`@remix-run+react+${installedVersion("@remix-run/react")}.patch`);
    expect(patches).toContain(`react-router-dom+${installedVersion("react-router-dom")}.patch`);
  });

  it("a static router made twice from the same routes shares its data routes, each with its own state", () => {
    const { createStaticRouter } = require(require.resolve("react-router-dom/server.js", { paths: [require.resolve("@remix-run/react")] }));
    const routes = [{ id: "root", path: "/", children: [{ id: "a", path: "a" }, { id: "b", path: "b/:id" }] }];
    const context = (pathname: string, id: string) => ({
      basename: "/",
      location: { pathname, search: "", hash: "", state: null, key: "default" },
      matches: [
        { params: {}, pathname: "/", pathnameBase: "/", route: { id: "root" } },
        { params: { id: "7" }, pathname, pathnameBase: pathname, route: { id } },
      ],
      loaderData: { [id]: pathname },
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
    });
    const one = createStaticRouter(routes, context("/a", "a"));
    const two = createStaticRouter(routes, context("/b/7", "b"));
    expect(two.routes).toBe(one.routes);
    expect(one.state.location.pathname).toBe("/a");
    expect(two.state.location.pathname).toBe("/b/7");
    expect(two.state.matches.map((m: { route: { id: string } }) => m.route.id)).toEqual(["root", "b"]);
    expect(two.state.matches[1].route).toBe(one.routes[0].children[1]);
  });
});
