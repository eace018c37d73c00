// A rendered page leaves nothing behind (app/entry.server.tsx, issue 17): the timer that aborts a stuck render
// used to stay pending for streamTimeout + 1 s after every answer, and kept the whole render reachable with it;
// at a few hundred pages a second, collecting those renders cost ≈ 40 % more CPU per page. Rendered through
// Remix's real request handler with the app's own entry module.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import * as entry from "~/entry.server";
import { handlerForBuild } from "../helpers/remix-build";

function oneRouteApp() {
  return handlerForBuild({
    entry,
    routes: {
      root: {
        id: "root",
        path: "",
        module: {
          loader: () => ({ greeting: "Xin chào" }),
          default: () => createElement("html", { lang: "vi" }, createElement("body", null, createElement("p", null, "Xin chào"))),
        },
      },
    },
    assetRoutes: {
      root: { id: "root", path: "", module: "/root.js", hasLoader: true, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false, imports: [] },
    },
  });
}

const pendingTimers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("a rendered page", () => {
  it("leaves no timer pending once its body has been read", async () => {
    const handle = oneRouteApp();
    // A first page warms up what is made once (module state, React's internals).
    await (await handle(new Request("http://localhost/"), { clientIp: "127.0.0.1", cspNonce: "n" })).text();
    const before = pendingTimers();
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const response = await handle(new Request("http://localhost/", { signal: controller.signal }), { clientIp: "127.0.0.1", cspNonce: "n" });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Xin chào");
      // As the server does when the connection closes: Remix's own data-stream timer listens to the request's signal.
      controller.abort();
    }
    await new Promise((r) => setImmediate(r));
    expect(pendingTimers()).toBeLessThanOrEqual(before);
  });
});
