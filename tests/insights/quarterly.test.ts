// The quarterly report: the printable page and the PDF (text read back through each font's ToUnicode map) carry
// the hand-counted fixture's headline figures, the main tables and a row per program; staff only; bad input 400.
import { describe, expect, it } from "vitest";
import { periodOf } from "~/insights/period";
import { loadQuarterlyReport } from "~/insights/quarterly.server";
import { db } from "~/lib/db.server";
import { loader as pageLoader } from "~/routes/staff.insights_.report";
import { loader as pdfLoader } from "~/routes/staff.insights_.report[.pdf]";
import { extractPdfText } from "../helpers/documents";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { QueryCounter } from "../helpers/query-count";
import { testStore } from "../helpers/store";
import { buildFixture } from "./fixture";

const custom = (Y: number) => `range=custom&from=${Y}-10-01&to=${Y}-12-31`;

describe("quarterly report", () => {
  it("the PDF holds the headline figures, the tables and a row per program, in the staff member's language", async () => {
    const Y = 2105; // 2026's calendar
    const fx = await buildFixture(db, Y);
    const staff = await createTestUser({ role: "staff" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", staff.id).execute();
    const res = await fetchPdf(`/staff/insights/report.pdf?${custom(Y)}`, staff.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toContain(`report-${Y}-10-01-${Y}-12-31.pdf`);
    const pages = await extractPdfText(res.bytes);
    if (process.env.SAVE_PDF) (await import("node:fs")).writeFileSync(process.env.SAVE_PDF, res.bytes);
    const all = pages.flat();
    expect(all[0]).toBe("QUARTERLY ACTIVITY REPORT");
    expect(all).toContain(`From 1 Oct ${Y} to 31 Dec ${Y}`);
    // Headline table rows: label, current, previous (fixture: 6 students vs 2, fill 57 % vs 100 %, 3 certificates vs 1).
    const after = (label: string, n: number) => all.slice(all.indexOf(label) + 1, all.indexOf(label) + 1 + n);
    expect(all).toContain("Students served");
    expect(all.join("|")).toContain("Students served|6|2");
    expect(all.join("|")).toContain("Certificates issued|3|1");
    expect(all.join("|")).toContain("Tour visitors|30|25");
    // By program: W1 s1 s2 s5 seated (3 of capacity 4: W1a 2/2, W1b 1/2), s1 s5 attended of 3 marks, s2's
    // certificate, 3 waitlisted never seated; the tour's 30 visitors.
    const programs = await db.selectFrom("programs").select(["id", "title_en"]).where("id", "in", [fx.programs.W1, fx.programs.T1]).execute();
    const w1 = programs.find((p) => p.id === fx.programs.W1)!.title_en!;
    const t1 = programs.find((p) => p.id === fx.programs.T1)!.title_en!;
    expect(after(w1, 11)).toEqual(["Workshop", "3", "3", "4", "75%", "2", "3", "0", "1", "0", "3"]);
    expect(after(t1, 11)).toEqual(["Experience tour", "0", "0", "0", "—", "0", "0", "0", "0", "30", "0"]);
    // The main tables' headings.
    for (const heading of ["By program", "Fill rate per session", "Unmet demand per program", "Course funnel", "Certificates per month"]) {
      expect(all.some((s) => s.startsWith(heading))).toBe(true);
    }
    expect(pages[0]!.at(-1)).toBe(`Page 1 of ${pages.length}`);
  });

  it("the printable page shows the same view; staff only; bad input is 400", async () => {
    const Y = 2111;
    await buildFixture(db, Y);
    const staff = await createTestUser({ role: "staff" });
    const page = await callLoader(pageLoader, await makeRequest(`/staff/insights/report?${custom(Y)}`, { userId: staff.id }));
    expect(page.status).toBe(200);
    expect(page.data.view.insights.headline.find((h: { key: string }) => h.key === "students").current).toBe(6);
    for (const role of ["student", "teacher", "coordinator"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(pageLoader, await makeRequest(`/staff/insights/report`, { userId: u.id }))).status).toBe(403);
      expect((await callLoader(pdfLoader, await makeRequest(`/staff/insights/report.pdf`, { userId: u.id }))).status).toBe(403);
    }
    for (const q of ["range=custom&from=2026-12-31&to=2026-10-01", "range=custom&from=2020-01-01&to=2026-01-01", "kind=party", "school=999999"]) {
      expect((await callLoader(pdfLoader, await makeRequest(`/staff/insights/report.pdf?${q}`, { userId: staff.id }))).status).toBe(400);
      expect((await callLoader(pageLoader, await makeRequest(`/staff/insights/report?${q}`, { userId: staff.id }))).status).toBe(400);
    }
  });

  it("a fixed number of queries whatever the data size", async () => {
    const Y = 2122;
    const period = periodOf({ preset: "quarter", now: `${Y}-11-20T03:00:00.000Z` });
    const count = async () => {
      const counter = new QueryCounter();
      await loadQuarterlyReport(db.withPlugin(counter), { period, filters: {}, locale: "vi" });
      return counter.count;
    };
    const empty = await count();
    await buildFixture(db, Y);
    await buildFixture(db, Y);
    expect(await count()).toBe(empty);
    // 17 aggregates + the refreshes of the summaries: students and schools served (13 statements), sums per day
    // and per meeting (8), unmet demand (11); on PostgreSQL each refresh also locks its marks tables (5).
    expect(empty).toBe(testStore === "postgres" ? 54 : 49);
  });
});

async function fetchPdf(path: string, userId: number) {
  const res = (await pdfLoader({ request: await makeRequest(path, { userId }), params: {}, context: { clientIp: "127.0.0.1", cspNonce: "t" } })) as Response;
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}
