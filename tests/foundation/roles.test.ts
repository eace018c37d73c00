import { describe, expect, it } from "vitest";
import { requireRole, requireUser } from "~/lib/guards.server";
import { db } from "~/lib/db.server";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users";
import { loader as staffLoader } from "~/routes/staff._index";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { loader as notificationsLoader } from "~/routes/notifications";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { countQueries } from "../helpers/query-count";

describe("role guards", () => {
  it("redirects anonymous users to /login with where they were going", async () => {
    const thrown = await requireUser(new Request("http://localhost/classes/7?tab=progress")).catch((e) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown.status).toBe(302);
    expect(thrown.headers.get("Location")).toBe("/login?redirectTo=%2Fclasses%2F7%3Ftab%3Dprogress");
  });

  it("answers 403 to a signed-in user with the wrong role", async () => {
    const student = await createTestUser({ role: "student" });
    const thrown = await requireRole(await makeRequest("/staff", { userId: student.id }), "staff", "admin").catch((e) => e);
    expect(thrown.status).toBe(403);
  });

  it("lets staff into /staff but not students, teachers or coordinators", async () => {
    for (const role of ["student", "teacher", "coordinator"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(staffLoader, await makeRequest("/staff", { userId: u.id }))).status).toBe(403);
    }
    const staff = await createTestUser({ role: "staff" });
    const ok = await callLoader(staffLoader, await makeRequest("/staff", { userId: staff.id }));
    expect(ok.status).toBe(200);
    expect(ok.data.links.map((l: { to: string }) => l.to)).not.toContain("/admin/users");
  });

  it("the dashboard and notifications need a signed-in user", async () => {
    expect((await callLoader(dashboardLoader, await makeRequest("/dashboard"))).status).toBe(302);
    expect((await callLoader(notificationsLoader, await makeRequest("/notifications"))).status).toBe(302);
  });
});

describe("admin changes roles", () => {
  it("only an admin may list users or change a role", async () => {
    const staff = await createTestUser({ role: "staff" });
    const target = await createTestUser({ role: "teacher" });
    expect((await callLoader(usersLoader, await makeRequest("/admin/users", { userId: staff.id }))).status).toBe(403);
    const denied = await callAction(usersAction, await makeRequest("/admin/users", { userId: staff.id, form: { userId: target.id, role: "admin" } }));
    expect(denied.status).toBe(403);
    const row = await db.selectFrom("users").select("role").where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(row.role).toBe("teacher");
  });

  it("an admin changes a role, the user is notified; bad input is 400; an admin cannot demote themself", async () => {
    const admin = await createTestUser({ role: "admin" });
    const target = await createTestUser({ role: "teacher" });
    const ok = await callAction(usersAction, await makeRequest("/admin/users", { userId: admin.id, form: { userId: target.id, role: "coordinator" } }));
    expect(ok.status).toBe(200);
    expect((await db.selectFrom("users").select("role").where("id", "=", target.id).executeTakeFirstOrThrow()).role).toBe("coordinator");
    const note = await db.selectFrom("notifications").selectAll().where("user_id", "=", target.id).executeTakeFirstOrThrow();
    expect(note.message_key).toBe("notifications.roleChanged");

    const bad = await callAction(usersAction, await makeRequest("/admin/users", { userId: admin.id, form: { userId: "abc", role: "king" } }));
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(["role", "userId"]);

    const self = await callAction(usersAction, await makeRequest("/admin/users", { userId: admin.id, form: { userId: admin.id, role: "student" } }));
    expect(self.status).toBe(400);
    expect(fieldErrorsOf(self)).toEqual({ "": ["admin.users.cannotDemoteSelf"] });
    expect((await db.selectFrom("users").select("role").where("id", "=", admin.id).executeTakeFirstOrThrow()).role).toBe("admin");
    expect(await db.selectFrom("notifications").select("id").where("user_id", "=", admin.id).execute()).toEqual([]);

    const missing = await callAction(usersAction, await makeRequest("/admin/users", { userId: admin.id, form: { userId: 999999, role: "staff" } }));
    expect(missing.status).toBe(404);
  });

  it("lists users with search and pagination in a fixed number of queries", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestUser({ fullName: "Hoàng Thị Mai Anh", role: "student" });
    const list = async (url: string) => countQueries(async () => callLoader(usersLoader, await makeRequest(url, { userId: admin.id })));
    // The first request of a staff session may record the start of the two-factor grace period: warm it up.
    await list("/admin/users");
    const one = await list("/admin/users?q=mai%20anh&page=1");
    const res = one.result;
    expect(res.status).toBe(200);
    expect(res.data.rows.map((r: { fullName: string }) => r.fullName)).toEqual(["Hoàng Thị Mai Anh"]);
    // A full page of matches costs the same number of queries as one match.
    for (let i = 0; i < 30; i++) await createTestUser({ fullName: `Trần Mai Anh ${i}`, role: i % 2 ? "teacher" : "student" });
    const many = await list("/admin/users?q=mai%20anh&page=1");
    expect(many.result.data.rows.length).toBeGreaterThan(10);
    expect(one.queries).toBeGreaterThan(0);
    expect(many.queries).toBe(one.queries);
    // A typed % is a character, not a wildcard.
    expect((await callLoader(usersLoader, await makeRequest("/admin/users?q=%25", { userId: admin.id }))).data.total).toBe(0);
    const junk = await callLoader(usersLoader, await makeRequest("/admin/users?page=-4&role=king", { userId: admin.id }));
    expect(junk.status).toBe(200);
    expect(junk.data.query.page).toBe(1);
  });
});
