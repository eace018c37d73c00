// Loaders and actions with real Requests: permissions (role and ownership) and bad input.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { loader as feedLoader } from "~/routes/calendar.$file";
import { loader as icsLoader } from "~/routes/schedule.$file";
import { action as scheduleAction, loader as scheduleLoader } from "~/routes/schedule._index";
import { action as workshopAction, loader as workshopLoader, meta } from "~/routes/workshops.$slug";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { createWorkshop, registerStudent, sessionRow } from "../helpers/workshops";

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
    await registerStudent(db, { sessionId: w.sessionId, userId: s.id });
    const r = await callLoader(workshopLoader, await makeRequest(`/workshops/${w.slug}`, { userId: s.id }), { slug: w.slug });
    expect(r.data.sessions[0]).toMatchObject({ seatsLeft: 2, open: true, registration: { status: "confirmed", cancellable: true } });
    // One camelCase view in the reader's language (the student reads Vietnamese), no raw columns.
    expect(r.data.program).toMatchObject({ slug: w.slug, title: expect.stringContaining("Workshop thử nghiệm"), feeVnd: 0 });
    expect(r.data.program).not.toHaveProperty("title_vi");
    expect(r.data.descriptionHtml).toContain("<strong>Vui</strong>");
    expect(r.data.descriptionHtml).not.toMatch(/<script|javascript:|onerror/);
  });

  it("meta title and page in the reader's language", async () => {
    const w = await createWorkshop({ program: { titleVi: "Robot cơ bản", titleEn: "Robotics basics" } });
    const en = await createTestUser({ role: "student" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", en.id).execute();
    const page = await callLoader(workshopLoader, await makeRequest(`/workshops/${w.slug}`, { userId: en.id }), { slug: w.slug });
    expect(page.data.program.title).toBe("Robotics basics");
    expect(meta({ data: page.data } as never)).toEqual([{ title: "Robotics basics · STEM Hub" }]);
    const vi = await callLoader(workshopLoader, await makeRequest(`/workshops/${w.slug}`), { slug: w.slug });
    expect(meta({ data: vi.data } as never)).toEqual([{ title: "Robot cơ bản · STEM Hub" }]);
  });

  it("register: anonymous → login, teacher → 403, bad ids → 400, another program's session → 404, refusals → 409", async () => {
    const teacher = await createTestUser({ role: "teacher" });
    const s = await createTestUser({ role: "student", grade: 8 });
    const w = await createWorkshop();
    const other = await createWorkshop({ startDays: 30, program: { gradeMin: 11, gradeMax: 12 } });
    const post = async (form: Record<string, string | number>, userId?: number, slug = w.slug) =>
      callAction(workshopAction, await makeRequest(`/workshops/${slug}`, { userId, form }), { slug });
    expect((await post({ intent: "register", sessionId: w.sessionId })).status).toBe(302);
    const asTeacher = await post({ intent: "register", sessionId: w.sessionId }, teacher.id);
    expect(asTeacher.status).toBe(403);
    expect(fieldErrorsOf(asTeacher)).toEqual({ "": ["workshops.refuse.studentsOnly"] });
    expect((await post({ intent: "register", sessionId: "abc" }, s.id)).status).toBe(400);
    expect((await post({ intent: "fly", sessionId: 1 }, s.id)).status).toBe(400);
    expect((await post({ intent: "register", sessionId: other.sessionId }, s.id)).status).toBe(404);
    const refused = await post({ intent: "register", sessionId: other.sessionId }, s.id, other.slug);
    expect(refused.status).toBe(409);
    expect(fieldErrorsOf(refused)).toEqual({ "": ["workshops.refuse.notEligible"] });
    expect((await sessionRow(other.sessionId)).confirmed_count).toBe(0);
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(0);
    const done = await post({ intent: "register", sessionId: w.sessionId }, s.id);
    // Post/Redirect/Get to the registration's confirmation page.
    expect(done.status).toBe(302);
    expect(done.location).toMatch(/^\/registrations\/\d+\?outcome=now$/);
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
    expect((await post({ intent: "register", sessionId: w.sessionId }, s.id, "khong-co")).status).toBe(404);
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
  });
});

describe("schedule, .ics and the private feed", () => {
  it("a student cannot cancel or download another student's registration", async () => {
    const [a, b] = await Promise.all([createTestUser({ role: "student" }), createTestUser({ role: "student" })]);
    const w = await createWorkshop();
    const r = await registerStudent(db, { sessionId: w.sessionId, userId: a.id });
    if (!r.ok) throw new Error("setup");
    const { registrationId } = r.value;
    const cancel = await callAction(scheduleAction, await makeRequest("/schedule", { userId: b.id, form: { intent: "cancel", registrationId, confirm: "yes" } }));
    expect(cancel.status).toBe(404);
    expect(fieldErrorsOf(cancel)).toEqual({ "": ["workshops.cancelRefused.notFound"] });
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
    expect((await callAction(scheduleAction, await makeRequest("/schedule", { form: { intent: "cancel", registrationId } }))).location).toMatch(/^\/login/);
    expect((await callLoader(icsLoader, await makeRequest(`/schedule/${registrationId}.ics`, { userId: b.id }), { file: `${registrationId}.ics` })).status).toBe(404);
    expect((await callLoader(icsLoader, await makeRequest(`/schedule/x.ics`, { userId: a.id }), { file: "abc.ics" })).status).toBe(404);
    expect((await callLoader(icsLoader, await makeRequest(`/schedule/1.ics`), { file: `${registrationId}.ics` })).status).toBe(302);
    const own = await callLoader(icsLoader, await makeRequest(`/schedule/${registrationId}.ics`, { userId: a.id }), { file: `${registrationId}.ics` });
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toContain("text/calendar");
    expect(own.data).toContain("BEGIN:VEVENT");
    expect(own.data).toContain("Workshop thử nghiệm");
    const page = await callLoader(scheduleLoader, await makeRequest("/schedule", { userId: a.id }));
    expect(page.data.upcoming[0]).toMatchObject({ id: registrationId, title: expect.stringContaining("Workshop thử nghiệm"), displayStatus: "confirmed", cancellable: true });
    expect((await callLoader(scheduleLoader, await makeRequest("/schedule", { userId: b.id }))).data.upcoming).toEqual([]);
  });

  it("creates, regenerates and revokes the feed token; unknown tokens are 404", async () => {
    const a = await createTestUser({ role: "student" });
    const w = await createWorkshop();
    await registerStudent(db, { sessionId: w.sessionId, userId: a.id });
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
