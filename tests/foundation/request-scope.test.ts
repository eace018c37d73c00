// One session look-up per page view (issue 17): Remix gives the root loader and the page loader different
// Request objects; inside the HTTP request's scope a GET shares the look-up, a POST does not (its action may
// change the session), and outside a scope each Request is looked up once.
import { describe, expect, it } from "vitest";
import { getOptionalUser } from "~/lib/guards.server";
import { runInRequestScope } from "~/lib/request-scope.server";
import { createTestUser } from "../helpers/factories";
import { makeRequest } from "../helpers/http";
import { countQueries } from "../helpers/query-count";

/** A copy, as Remix makes for each loader. */
const copy = (r: Request) => new Request(r.url, { method: r.method, headers: r.headers });

describe("the session look-up of one HTTP request", () => {
  it("is shared by the loaders of a page view", async () => {
    const u = await createTestUser();
    const request = await makeRequest("/catalog", { userId: u.id });
    const { result, queries } = await countQueries(() =>
      runInRequestScope(async () => Promise.all([getOptionalUser(copy(request)), getOptionalUser(copy(request)), getOptionalUser(request)])),
    );
    expect(result.map((x) => x?.id)).toEqual([u.id, u.id, u.id]);
    expect(queries).toBe(1);
  });

  it("is not shared between two HTTP requests, nor between two cookies", async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const ra = await makeRequest("/catalog", { userId: a.id });
    const rb = await makeRequest("/catalog", { userId: b.id });
    const { result, queries } = await countQueries(async () => [
      await runInRequestScope(() => getOptionalUser(copy(ra))),
      await runInRequestScope(() => getOptionalUser(copy(ra))),
      await runInRequestScope(async () => [await getOptionalUser(copy(ra)), await getOptionalUser(copy(rb))]),
    ]);
    expect(queries).toBe(4);
    expect(result[2]).toEqual([expect.objectContaining({ id: a.id }), expect.objectContaining({ id: b.id })]);
  });

  it("is per Request for a POST (the action may change who is signed in) and outside a scope", async () => {
    const u = await createTestUser();
    const post = await makeRequest("/account", { userId: u.id, form: { intent: "x" } });
    expect(post.method).toBe("POST");
    const inPost = await countQueries(() => runInRequestScope(async () => [await getOptionalUser(copy(post)), await getOptionalUser(copy(post))]));
    expect(inPost.queries).toBe(2);
    const get = await makeRequest("/catalog", { userId: u.id });
    const outside = await countQueries(async () => [await getOptionalUser(get), await getOptionalUser(get), await getOptionalUser(copy(get))]);
    expect(outside.queries).toBe(2);
  });
});
