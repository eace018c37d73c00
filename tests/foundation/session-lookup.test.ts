// One session look-up per page view (issue 17). Remix runs the root loader and the page loader of one HTTP request
// with the same Request (patches/@remix-run+server-runtime: it no longer copies it for each loader), and
// getOptionalUser looks each Request up once. Measured through Remix's real request handler, so the test fails if
// the patch is lost (each loader would get its own copy, and look the session up again).
import { describe, expect, it } from "vitest";
import { getOptionalUser } from "~/lib/guards.server";
import { createTestUser } from "../helpers/factories";
import { makeRequest } from "../helpers/http";
import { countQueries } from "../helpers/query-count";
import { handlerForBuild } from "../helpers/remix-build";

type Seen = { route: string; request: Request; userId: number | null };

/** A two-route app (root and /page) whose loaders and action ask who is signed in, twice each. */
function twoRouteApp(seen: Seen[]) {
  const ask = (route: string) => async ({ request }: { request: Request }) => {
    const user = await getOptionalUser(request);
    await getOptionalUser(request);
    seen.push({ route, request, userId: user?.id ?? null });
    return { route };
  };
  return handlerForBuild({
    entry: { default: () => new Response("document requests are not used here", { status: 500 }) },
    routes: {
      root: { id: "root", path: "", module: { loader: ask("root"), default: () => null } },
      "routes/page": { id: "routes/page", parentId: "root", path: "page", module: { loader: ask("page"), action: ask("action"), default: () => null } },
    },
  });
}

describe("the session look-up of one HTTP request", () => {
  it("is one query for the root and the page loader of a page view", async () => {
    const u = await createTestUser();
    const seen: Seen[] = [];
    const handle = twoRouteApp(seen);
    const request = await makeRequest("/page.data", { userId: u.id });
    const { result, queries } = await countQueries(() => handle(request));
    expect(result.status).toBe(200);
    expect(seen.map((s) => [s.route, s.userId])).toEqual(expect.arrayContaining([["root", u.id], ["page", u.id]]));
    expect(seen[0].request).toBe(seen[1].request);
    expect(queries).toBe(1);
  });

  it("is not shared between two HTTP requests, nor between two cookies", async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const seen: Seen[] = [];
    const handle = twoRouteApp(seen);
    const [ra, rb] = [await makeRequest("/page.data", { userId: a.id }), await makeRequest("/page.data", { userId: b.id })];
    const { queries } = await countQueries(async () => [await handle(ra), await handle(rb)]);
    expect(queries).toBe(2);
    expect(seen.map((s) => s.userId)).toEqual([a.id, a.id, b.id, b.id]);
  });

  it("is one query for an action, and the request it gets still has its body", async () => {
    const u = await createTestUser();
    const seen: Seen[] = [];
    const handle = twoRouteApp(seen);
    const post = await makeRequest("/page.data", { userId: u.id, form: { intent: "x" } });
    const { result, queries } = await countQueries(() => handle(post));
    expect(result.status).toBe(200);
    expect(seen.map((s) => [s.route, s.userId])).toEqual([["action", u.id]]);
    expect(Object.fromEntries(await seen[0].request.formData())).toEqual({ intent: "x" });
    expect(queries).toBe(1);
  });

  it("is looked up again for a new Request (after an action, Remix's loaders get one)", async () => {
    const u = await createTestUser();
    const get = await makeRequest("/catalog", { userId: u.id });
    const copy = new Request(get.url, { headers: get.headers });
    const { queries } = await countQueries(async () => [await getOptionalUser(get), await getOptionalUser(get), await getOptionalUser(copy)]);
    expect(queries).toBe(2);
  });
});
