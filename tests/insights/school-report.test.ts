// /school/report and its CSV: a coordinator's own school's figures against the hand-counted fixture
// (tests/insights/fixture.ts), who may see which school, bad input → 400, and a fixed number of queries.
import { describe, expect, it } from "vitest";
import { periodOf } from "~/insights/period";
import { loadSchoolReport } from "~/insights/school-report.server";
import { db } from "~/lib/db.server";
import { loader as pageLoader } from "~/routes/school.report";
import { loader as csvLoader } from "~/routes/school.report[.csv]";
import { addSchoolMember, createTestUser } from "../helpers/factories";
import { callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { QueryCounter } from "../helpers/query-count";
import { school as newSchool } from "../helpers/insights";
import { buildFixture } from "./fixture";

const custom = (Y: number) => `range=custom&from=${Y}-10-01&to=${Y}-12-31`;

async function coordinatorOf(schoolId: number, status: "approved" | "pending" = "approved") {
  const u = await createTestUser({ role: "coordinator" });
  await addSchoolMember(schoolId, u.id, "coordinator", status);
  return u;
}

const figure = (view: { headline: { key: string; current: number | null; previous: number | null }[] }, key: string) => {
  const f = view.headline.find((h) => h.key === key)!;
  return [f.current, f.previous];
};

describe("/school/report figures (hand-counted fixture, school A: s1 s2 s3)", () => {
  it("a coordinator sees their school's quarter without naming it, and the same numbers as CSV", async () => {
    const Y = 2082; // 2026's calendar
    const fx = await buildFixture(db, Y);
    const coord = await coordinatorOf(fx.schools.A);
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", coord.id).execute();
    const res = await callLoader(pageLoader, await makeRequest(`/school/report?${custom(Y)}`, { userId: coord.id }));
    expect(res.status).toBe(200);
    const v = res.data.view;
    expect(v.school.id).toBe(fx.schools.A);
    // Served: s1 s2 (W1a seats), s3 s2 (enrolled), s1 (completed C1) = 3; before: s1 (W1p, C1 enrolled 15 Sep).
    expect(figure(v, "students")).toEqual([3, 1]);
    // Seats: W1a s1 s2 (s4 of W2a and s5 of W1b are not A's; W1c is cancelled); before: W1p s1.
    expect(figure(v, "seats")).toEqual([2, 1]);
    expect(figure(v, "attendanceRate")).toEqual([0.5, 1]);
    expect(figure(v, "coursesCompleted")).toEqual([1, 0]);
    // A's completed tour (30 came of 32 booked); B's confirmed and C's cancelled ones are not A's.
    expect(figure(v, "tourVisits")).toEqual([1, 0]);
    expect(figure(v, "tourVisitors")).toEqual([30, 0]);
    // s1's course and s2's workshop (00:30 on 1 Nov, Vietnam); s5's revoked one is not A's anyway.
    expect(figure(v, "certificates")).toEqual([2, 0]);
    // Per program, by kind: C1 s3 s2 enrolled, s1 completed; T1 A's visit (30 came); W1 s1 s2 seated, s1 attended,
    // s2 absent, s2's certificate. (W2 has only s4, not A's.)
    expect(v.programs.map((p: Record<string, unknown>) => [p.programId, p.students, p.seats, p.attended, p.marked, p.completed, p.certificates, p.visitors])).toEqual([
      [fx.programs.C1, 3, 0, 0, 0, 1, 1, 0],
      [fx.programs.T1, 0, 0, 0, 0, 0, 0, 30],
      [fx.programs.W1, 2, 2, 1, 2, 0, 1, 0],
    ]);
    // Enrolments begun in the quarter by A's students: s3 (nothing done), s2 (1 of 4).
    expect(v.funnel).toEqual({ enrolled: 2, started: 1, half: 0, completed: 0 });
    expect(v.tours.map((t: Record<string, unknown>) => [t.status, t.students, t.actualStudents])).toEqual([["completed", 32, 30]]);
    expect(v.certificatesByMonth).toEqual([
      { month: `${Y}-10`, issued: 0, revoked: 0 },
      { month: `${Y}-11`, issued: 2, revoked: 0 },
      { month: `${Y}-12`, issued: 0, revoked: 0 },
    ]);

    const csv = await callLoader(csvLoader, await makeRequest(`/school/report.csv?${custom(Y)}&table=programs`, { userId: coord.id }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toContain(`school-${fx.schools.A}-programs-${Y}-10-01-${Y}-12-31.csv`);
    const lines = String(csv.data).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Program,Kind,Students,Seats taken,Attended,Marked,Completed,Certificates,Tour visitors");
    expect(lines.slice(1).map((l) => l.split(",").slice(1).join(","))).toEqual(["Course,3,0,0,0,1,1,0", "Experience tour,0,0,0,0,0,0,30", "Workshop,2,2,1,2,0,1,0"]);
    const headline = await callLoader(csvLoader, await makeRequest(`/school/report.csv?${custom(Y)}&table=headline&school=${fx.schools.A}`, { userId: coord.id }));
    const rows = String(headline.data).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(rows).toContain("Students served,3,1");
    expect(rows).toContain("Tour visitors,30,0");
  });

  it("staff choose any school; school B's report counts s3 (in both schools) and s4", async () => {
    const Y = 2093;
    const fx = await buildFixture(db, Y);
    const staff = await createTestUser({ role: "staff" });
    const none = await callLoader(pageLoader, await makeRequest(`/school/report`, { userId: staff.id }));
    expect(none.status).toBe(200);
    expect(none.data.view).toBeNull();
    const res = await callLoader(pageLoader, await makeRequest(`/school/report?${custom(Y)}&school=${fx.schools.B}`, { userId: staff.id }));
    expect(res.status).toBe(200);
    // s3 enrolled, s4 W2a seat and enrolled; before: nobody.
    expect(figure(res.data.view, "students")).toEqual([2, 0]);
    expect(figure(res.data.view, "seats")).toEqual([1, 0]);
    expect(figure(res.data.view, "tourVisits")).toEqual([0, 0]); // B's tour is confirmed, not yet taken
    expect(res.data.view.tours.map((t: Record<string, unknown>) => t.status)).toEqual(["confirmed"]);
  });
});

describe("/school/report permissions", () => {
  it("a coordinator of school B asking for school A gets 403 and nothing of A; students and teachers get 403", async () => {
    const A = await newSchool(db, { name: "Trường Kín Tiếng A" });
    const B = await newSchool(db);
    const coordB = await coordinatorOf(B);
    const pendingA = await coordinatorOf(A, "pending");
    for (const path of [`/school/report?school=${A}`, `/school/report.csv?school=${A}&table=programs`, `/school/report?school=999999`]) {
      const mod = path.includes(".csv") ? csvLoader : pageLoader;
      for (const u of [coordB, pendingA]) {
        const r = await callLoader(mod, await makeRequest(path, { userId: u.id }));
        expect([path, r.status]).toEqual([path, 403]);
        expect(JSON.stringify(r.data ?? "")).not.toContain("Kín Tiếng");
      }
    }
    // Their own school works, and the choice offered names only it.
    const own = await callLoader(pageLoader, await makeRequest(`/school/report`, { userId: coordB.id }));
    expect(own.status).toBe(200);
    expect(own.data.view.school.id).toBe(B);
    expect(own.data.choices).toEqual([{ id: B, name: expect.any(String) }]);
    // A pending coordinator has no school to report on.
    const pending = await callLoader(pageLoader, await makeRequest(`/school/report`, { userId: pendingA.id }));
    expect([pending.status, pending.data.view, pending.data.choices]).toEqual([200, null, []]);
    for (const role of ["student", "teacher"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(pageLoader, await makeRequest(`/school/report?school=${A}`, { userId: u.id }))).status).toBe(403);
      expect((await callLoader(csvLoader, await makeRequest(`/school/report.csv?school=${A}&table=headline`, { userId: u.id }))).status).toBe(403);
    }
    const anonymous = await callLoader(pageLoader, await makeRequest(`/school/report`));
    expect(anonymous.status).toBe(302);
  });
});

describe("/school/report bad input", () => {
  it.each([
    ["range=custom&from=2026-12-31&to=2026-10-01", "to", "insights.error.order"],
    ["range=custom&from=2020-01-01&to=2026-01-01", "to", "insights.error.tooLong"],
    ["range=custom&from=2026-02-30&to=2026-03-01", "from", "validation.date"],
    ["range=custom&to=2026-03-01", "from", "validation.required"],
    ["range=decade", "range", "validation.choice"],
    ["school=abc", "school", "validation.invalid"],
  ])("%s → 400 with %s: %s", async (query, field, key) => {
    const B = await newSchool(db);
    const coord = await coordinatorOf(B);
    const res = await callLoader(pageLoader, await makeRequest(`/school/report?${query}`, { userId: coord.id }));
    expect(res.status).toBe(400);
    expect(res.data.view).toBeNull();
    expect(fieldErrorsOf({ ...res, data: { submission: res.data.reply } })[field]).toEqual([key]);
    const csv = await callLoader(csvLoader, await makeRequest(`/school/report.csv?table=headline&${query}`, { userId: coord.id }));
    expect(csv.status).toBe(400);
  });

  it("staff naming no approved school get 400; an unknown CSV table is 400", async () => {
    const staff = await createTestUser({ role: "staff" });
    const r = await callLoader(pageLoader, await makeRequest(`/school/report?school=999999`, { userId: staff.id }));
    expect(r.status).toBe(400);
    expect(fieldErrorsOf({ ...r, data: { submission: r.data.reply } }).school).toEqual(["insights.error.unknownSchool"]);
    const B = await newSchool(db);
    expect((await callLoader(csvLoader, await makeRequest(`/school/report.csv?school=${B}&table=users`, { userId: staff.id }))).status).toBe(400);
    expect((await callLoader(csvLoader, await makeRequest(`/school/report.csv?school=${B}`, { userId: staff.id }))).status).toBe(400);
    expect((await callLoader(csvLoader, await makeRequest(`/school/report.csv?table=headline`, { userId: staff.id }))).status).toBe(400);
  });
});

describe("/school/report query count", () => {
  it("is the same for an empty school and one with several centres' worth of rows", async () => {
    const Y = 2099;
    const fx = await buildFixture(db, Y);
    const period = periodOf({ preset: "quarter", now: `${Y}-11-20T03:00:00.000Z` });
    const count = async (schoolId: number) => {
      const counter = new QueryCounter();
      await loadSchoolReport(db.withPlugin(counter), { school: { id: schoolId, name: "x", district: "" }, period, locale: "vi" });
      return counter.count;
    };
    const empty = await count(fx.schools.C);
    const small = await count(fx.schools.A);
    await buildFixture(db, Y);
    await buildFixture(db, Y);
    expect(await count(fx.schools.A)).toBe(small);
    expect(small).toBe(empty);
    expect(empty).toBe(10);
  });
});
