// Loaders and actions with real Requests: permissions (role and ownership) and bad input.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { loader as feedLoader } from "~/routes/calendar.$file";
import { loader as icsLoader } from "~/routes/schedule.$file";
import { action as scheduleAction, loader as scheduleLoader } from "~/routes/schedule._index";
import { action as workshopAction, loader as workshopLoader } from "~/routes/workshops.$slug";
import { registerForSession } from "~/workshops/registration.server";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { createWorkshop, sessionRow } from "../helpers/workshops";

describe("workshop page", () => {
  it("404 for unknown or malformed slugs and for drafts (except staff)", async () => {
    const staff = await createTestUser({ role: "staff" });
    const draft = await createWorkshop({ program: { status: "draft" } });
    expect((await callLoader(workshopLoader, await makeRequest("/workshops/khong-co"), { slug: "khong-co" })).status).toBe(404);
    expect((await callLoader(workshopLoader, await makeRequest("/workshops/x"), { slug: "BAD slug!" })).status).toBe(404);
    expect((await callLoader(workshopLoader, await makeRequest("/workshops/x"), { slug: draft.slug })).status).toBe(404);
    expect((await callLoader(workshopLoader, await makeRequest("/workshops/x", { userId: staff.id }), { slug: draft.slug })).status).toBe(200);
  });

  it("shows seats left and the viewer's registration; description markdown is sanitised", async () => {
    const s = await createTestUser({ role: "student", grade: 7 });
    const w = await createWorkshop({
      session: { capacity: 3 },
      program: { descriptionVi: "**Vui** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>" },
    });
    await registerForSession(db, { sessionId: w.sessionId, userId: s.id });
    const r = await callLoader(workshopLoader, await makeRequest(`/workshops/${w.slug}`, { userId: s.id }), { slug: w.slug });
    expect(r.data.sessions[0]).toMatchObject({ seatsLeft: 2, registration: { status: "confirmed", cancellable: true } });
    expect(r.data.descriptionHtml).toContain("<strong>Vui</strong>");
    expect(r.data.descriptionHtml).not.toMatch(/<script|javascript:|onerror/);
  });

  it("register: anonymous → login, teacher → 403, bad ids → 400, another program's session → 404, refusals → 409", async () => {
    const teacher = await createTestUser({ role: "teacher" });
    const s = await createTestUser({ role: "student", grade: 8 });
    const w = await createWorkshop();
    const other = await createWorkshop({ startDays: 30, program: { gradeMin: 11, gradeMax: 12 } });
    const post = async (form: Record<string, string | number>, userId?: number, slug = w.slug) =>
      callAction(workshopAction, await makeRequest(`/workshops/${slug}`, { userId, form }), { slug });
    expect((await post({ intent: "register", sessionId: w.sessionId })).status).toBe(302);
    expect((await post({ intent: "register", sessionId: w.sessionId }, teacher.id)).status).toBe(403);
    expect((await post({ intent: "register", sessionId: "abc" }, s.id)).status).toBe(400);
    expect((await post({ intent: "fly", sessionId: 1 }, s.id)).status).toBe(400);
    expect((await post({ intent: "register", sessionId: other.sessionId }, s.id)).status).toBe(404);
    const refused = await post({ intent: "register", sessionId: other.sessionId }, s.id, other.slug);
    expect(refused.status).toBe(409);
    expect(refused.data.outcome).toMatchObject({ kind: "refused", reason: "notEligible" });
    expect((await post({ intent: "register", sessionId: w.sessionId }, s.id, "khong-co")).status).toBe(404);
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(0);
  });
});

describe("schedule, .ics and the private feed", () => {
  it("a student cannot cancel or download another student's registration", async () => {
    const [a, b] = await Promise.all([createTestUser({ role: "student" }), createTestUser({ role: "student" })]);
    const w = await createWorkshop();
    const r = await registerForSession(db, { sessionId: w.sessionId, userId: a.id });
    if (!r.ok) throw new Error("setup");
    const cancel = await callAction(scheduleAction, await makeRequest("/schedule", { userId: b.id, form: { intent: "cancel", registrationId: r.registrationId } }));
    expect(cancel.status).toBe(404);
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
    expect((await callAction(scheduleAction, await makeRequest("/schedule", { form: { intent: "cancel", registrationId: r.registrationId } }))).status).toBe(302);
    expect((await callLoader(icsLoader, await makeRequest(`/schedule/${r.registrationId}.ics`, { userId: b.id }), { file: `${r.registrationId}.ics` })).status).toBe(404);
    expect((await callLoader(icsLoader, await makeRequest(`/schedule/x.ics`, { userId: a.id }), { file: "abc.ics" })).status).toBe(404);
    expect((await callLoader(icsLoader, await makeRequest(`/schedule/1.ics`), { file: `${r.registrationId}.ics` })).status).toBe(302);
    const own = await callLoader(icsLoader, await makeRequest(`/schedule/${r.registrationId}.ics`, { userId: a.id }), { file: `${r.registrationId}.ics` });
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toContain("text/calendar");
    expect(own.data).toContain("BEGIN:VEVENT");
    expect(own.data).toContain("Workshop thử nghiệm");
    const page = await callLoader(scheduleLoader, await makeRequest("/schedule", { userId: a.id }));
    expect(page.data.upcoming[0]).toMatchObject({ id: r.registrationId, displayStatus: "confirmed", cancellable: true });
    expect((await callLoader(scheduleLoader, await makeRequest("/schedule", { userId: b.id }))).data.upcoming).toEqual([]);
  });

  it("creates, regenerates and revokes the feed token; unknown tokens are 404", async () => {
    const a = await createTestUser({ role: "student" });
    const w = await createWorkshop();
    await registerForSession(db, { sessionId: w.sessionId, userId: a.id });
    const act = async (intent: string) => callAction(scheduleAction, await makeRequest("/schedule", { userId: a.id, form: { intent } }));
    await act("createFeed");
    const url1 = (await callLoader(scheduleLoader, await makeRequest("/schedule", { userId: a.id }))).data.feedUrl as string;
    const token1 = url1.split("/calendar/")[1];
    expect(token1).toMatch(/^[A-Za-z0-9_-]{32}\.ics$/);
    const feed = await callLoader(feedLoader, new Request(url1), { file: token1 });
    expect(feed.status).toBe(200);
    expect(feed.data).toContain("BEGIN:VEVENT");
    await act("createFeed");
    expect((await callLoader(feedLoader, new Request(url1), { file: token1 })).status).toBe(404);
    await act("revokeFeed");
    expect(await db.selectFrom("calendar_tokens").selectAll().where("user_id", "=", a.id).execute()).toEqual([]);
    expect((await callLoader(feedLoader, new Request("http://x/calendar/nope.ics"), { file: "nope.ics" })).status).toBe(404);
    expect((await callLoader(feedLoader, new Request("http://x/calendar/x"), { file: "A".repeat(40) + ".ics" })).status).toBe(404);
  });
});
