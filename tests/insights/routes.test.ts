// /staff/insights and its CSV with real Requests: who may see them, bad input → 400 with a message next to the
// field (never 500), the CSV's numbers, and a fixed number of queries whatever the amount of data.
import { describe, expect, it } from "vitest";
import { loadInsights, PAGE_LIMITS } from "~/insights/insights.server";
import { periodOf } from "~/insights/period";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { loader as pageLoader } from "~/routes/staff.insights";
import { loader as csvLoader } from "~/routes/staff.insights[.csv]";
import { createTestUser } from "../helpers/factories";
import { callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { QueryCounter } from "../helpers/query-count";
import { testStore } from "../helpers/store";
import { buildFixture } from "./fixture";

const custom = (Y: number) => `range=custom&from=${Y}-10-01&to=${Y}-12-31`;

describe("/staff/insights permissions", () => {
  it("staff and admin see the page and the CSV; students, teachers and coordinators get 403; visitors log in", async () => {
    for (const role of ["staff", "admin"] as const) {
      const u = await createTestUser({ role });
      const page = await callLoader(pageLoader, await makeRequest("/staff/insights", { userId: u.id }));
      expect(page.status).toBe(200);
      expect(page.data.view.headline).toHaveLength(8);
      const csv = await callLoader(csvLoader, await makeRequest("/staff/insights.csv?table=headline", { userId: u.id }));
      expect(csv.status).toBe(200);
      expect(csv.headers.get("Content-Type")).toContain("text/csv");
    }
    for (const role of ["student", "teacher", "coordinator"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(pageLoader, await makeRequest("/staff/insights", { userId: u.id }))).status).toBe(403);
      expect((await callLoader(csvLoader, await makeRequest("/staff/insights.csv?table=fill", { userId: u.id }))).status).toBe(403);
    }
    const anonymous = await callLoader(pageLoader, await makeRequest("/staff/insights?range=month"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent("/staff/insights?range=month")}`);
    expect((await callLoader(csvLoader, await makeRequest("/staff/insights.csv?table=fill"))).status).toBe(302);
  });
});

describe("/staff/insights bad input", () => {
  it.each([
    ["range=custom&from=2026-12-31&to=2026-10-01", "to", "insights.error.order"],
    ["range=custom&from=2020-01-01&to=2026-01-01", "to", "insights.error.tooLong"],
    ["range=custom&from=2026-02-30&to=2026-03-01", "from", "validation.date"],
    ["range=custom&to=2026-03-01", "from", "validation.required"],
    ["range=decade", "range", "validation.choice"],
    ["kind=party", "kind", "validation.choice"],
    ["school=abc", "school", "validation.invalid"],
    ["school=999999", "school", "insights.error.unknownSchool"],
    ["topic=no-such-topic", "topic", "insights.error.unknownTopic"],
  ])("%s → 400 with %s: %s", async (query, field, key) => {
    const staff = await createTestUser({ role: "staff" });
    const res = await callLoader(pageLoader, await makeRequest(`/staff/insights?${query}`, { userId: staff.id }));
    expect(res.status).toBe(400);
    expect(res.data.view).toBeNull();
    expect(fieldErrorsOf({ ...res, data: { submission: res.data.reply } })[field]).toEqual([key]);
    const csv = await callLoader(csvLoader, await makeRequest(`/staff/insights.csv?table=headline&${query}`, { userId: staff.id }));
    expect(csv.status).toBe(400);
  });

  it("an unknown CSV table is a 400", async () => {
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(csvLoader, await makeRequest("/staff/insights.csv?table=users", { userId: staff.id }))).status).toBe(400);
    expect((await callLoader(csvLoader, await makeRequest("/staff/insights.csv", { userId: staff.id }))).status).toBe(400);
  });
});

describe("/staff/insights figures through the routes", () => {
  it("a custom range, a filter, and the CSV of the same numbers in the staff member's language", async () => {
    const Y = 2071; // 2026's calendar
    const fx = await buildFixture(db, Y);
    const staff = await createTestUser({ role: "staff" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", staff.id).execute();
    const page = await callLoader(pageLoader, await makeRequest(`/staff/insights?${custom(Y)}&kind=workshop`, { userId: staff.id }));
    expect(page.status).toBe(200);
    expect(page.data.view.period.fromDate).toBe(`${Y}-10-01`);
    expect(page.data.view.unmet[0]).toMatchObject({ programId: fx.programs.W1, unmet: 3, sessionsNeeded: 2 });
    const csv = await callLoader(csvLoader, await makeRequest(`/staff/insights.csv?${custom(Y)}&table=unmet`, { userId: staff.id }));
    expect(csv.headers.get("Content-Disposition")).toContain(`insights-unmet-${Y}-10-01-${Y}-12-31.csv`);
    const lines = String(csv.data).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Program,Waitlisted without a seat,Typical capacity,Sessions needed");
    expect(lines[1]).toMatch(/,3,2,2$/);
    const headline = await callLoader(csvLoader, await makeRequest(`/staff/insights.csv?${custom(Y)}&table=headline`, { userId: staff.id }));
    const rows = String(headline.data).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(rows).toContain("Students served,6,2");
    expect(rows).toContain("Fill rate,57.1,100");
    expect(rows).toContain("Certificates issued,3,1");
  });
});

describe("query count", () => {
  it("is the same for an empty quarter and for one with several centres' worth of rows", async () => {
    const Y = 2054;
    const period = periodOf({ preset: "quarter", now: `${Y}-11-20T03:00:00.000Z` });
    const count = async () => {
      const counter = new QueryCounter();
      await loadInsights(db.withPlugin(counter), { period, filters: {}, locale: "vi" });
      return counter.count;
    };
    const empty = await count();
    await buildFixture(db, Y);
    const small = await count();
    await buildFixture(db, Y);
    await buildFixture(db, Y);
    const large = await count();
    expect(small).toBe(empty);
    expect(large).toBe(empty);
    // 16 aggregates + the refreshes of the summaries: students and schools served (13 statements), sums per day
    // and per meeting (8), unmet demand (11); on PostgreSQL each refresh also locks its marks tables (5).
    expect(empty).toBe(testStore === "postgres" ? 53 : 48);
  });
});

describe("long lists", () => {
  it("the page shows the first schools and says how many there are; the CSV lists them all", async () => {
    const staff = await createTestUser({ role: "staff" });
    const extra = PAGE_LIMITS.schools + 3;
    const created = nowIso();
    for (let i = 0; i < extra; i++) {
      await db.insertInto("schools").values({ name: `Trường chờ tham quan ${String(i).padStart(2, "0")}`, province: "Bình Dương", status: "approved", created_at: created }).execute();
    }
    const page = await callLoader(pageLoader, await makeRequest("/staff/insights?range=month", { userId: staff.id }));
    const { notVisited, limits } = page.data.view;
    expect(limits).toEqual(PAGE_LIMITS);
    expect(notVisited.total).toBeGreaterThanOrEqual(extra);
    expect(notVisited.schools).toHaveLength(PAGE_LIMITS.schools);
    const csv = await callLoader(csvLoader, await makeRequest("/staff/insights.csv?range=month&table=notVisited", { userId: staff.id }));
    const lines = String(csv.data).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(1 + notVisited.total);
    expect(lines.filter((l) => l.includes("Trường chờ tham quan"))).toHaveLength(extra);
  });
});
