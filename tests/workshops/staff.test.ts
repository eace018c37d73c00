// Staff pages: every loader and action refuses anonymous users, students and teachers; forms answer 400 with
// field messages; capacity cannot drop below the confirmed count; roster, attendance and CSV.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as editProgramAction, loader as editProgramLoader } from "~/routes/staff.programs.$programId";
import { loader as programsLoader } from "~/routes/staff.programs._index";
import { action as newProgramAction } from "~/routes/staff.programs.new";
import { action as editSessionAction } from "~/routes/staff.sessions.$sessionId.edit";
import { action as rosterAction, loader as rosterLoader } from "~/routes/staff.sessions.$sessionId.roster";
import { loader as csvLoader } from "~/routes/staff.sessions.$sessionId.roster[.csv]";
import { action as newSessionAction } from "~/routes/staff.sessions.new";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { createWorkshop, inDays, registerStudent, sessionRow } from "../helpers/workshops";

const sessionForm = (over: Record<string, string | number> = {}) => ({
  intent: "save",
  room: "Phòng Robotics",
  capacity: 12,
  "meetings[0].date": inDays(20).slice(0, 10),
  "meetings[0].start": "08:00",
  "meetings[0].end": "11:00",
  ...over,
});

describe("staff permissions", () => {
  it("anonymous → login; student, teacher and coordinator → 403 on every staff loader and action; nothing changes", async () => {
    const w = await createWorkshop();
    const p = { programId: String(w.programId), sessionId: String(w.sessionId) };
    // A real registration, so that "remove" is refused for who asks, not because the row is missing.
    const learner = await createTestUser({ role: "student", grade: 8 });
    const reg = await registerStudent(db, { sessionId: w.sessionId, userId: learner.id });
    if (!reg.ok) throw new Error("setup");
    const programsBefore = await db.selectFrom("programs").select(["id", "status", "title_vi"]).orderBy("id").execute();
    const calls = [
      (u?: number) => makeRequest("/staff/programs", { userId: u }).then((r) => callLoader(programsLoader, r)),
      (u?: number) => makeRequest("/staff/programs/new", { userId: u, form: { intent: "save", titleVi: "Hack" } }).then((r) => callAction(newProgramAction, r)),
      (u?: number) => makeRequest(`/staff/programs/${w.programId}`, { userId: u }).then((r) => callLoader(editProgramLoader, r, p)),
      (u?: number) =>
        makeRequest(`/staff/programs/${w.programId}`, { userId: u, form: { intent: "status", status: "archived" } }).then((r) => callAction(editProgramAction, r, p)),
      (u?: number) => makeRequest(`/staff/sessions/new?programId=${w.programId}`, { userId: u, form: sessionForm() }).then((r) => callAction(newSessionAction, r)),
      (u?: number) => makeRequest(`/staff/sessions/${w.sessionId}/edit`, { userId: u, form: sessionForm({ capacity: 1 }) }).then((r) => callAction(editSessionAction, r, p)),
      (u?: number) => makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: u }).then((r) => callLoader(rosterLoader, r, p)),
      (u?: number) =>
        makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: u, form: { intent: "remove", registrationId: reg.value.registrationId } }).then((r) => callAction(rosterAction, r, p)),
      (u?: number) => makeRequest(`/staff/sessions/${w.sessionId}/roster.csv`, { userId: u }).then((r) => callLoader(csvLoader, r, p)),
    ];
    const users = await Promise.all((["student", "teacher", "coordinator"] as const).map((role) => createTestUser({ role })));
    for (const call of calls) {
      expect((await call()).status).toBe(302);
      for (const u of users) expect((await call(u.id)).status).toBe(403);
    }
    expect(await db.selectFrom("programs").select("status").where("id", "=", w.programId).executeTakeFirstOrThrow()).toEqual({ status: "published" });
    expect((await sessionRow(w.sessionId)).capacity).toBe(20);
    expect(await db.selectFrom("workshop_sessions").select("id").where("program_id", "=", w.programId).execute()).toHaveLength(1);
    expect(await db.selectFrom("programs").select(["id", "status", "title_vi"]).orderBy("id").execute()).toEqual(programsBefore);
    expect(await db.selectFrom("workshop_registrations").select(["status"]).where("id", "=", reg.value.registrationId).executeTakeFirstOrThrow()).toEqual({ status: "confirmed" });
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
  });
});

describe("staff run a workshop", () => {
  it("create a program (400 on bad input, taken slug), publish it, add a multi-meeting session", async () => {
    const staff = await createTestUser({ role: "staff" });
    const bad = await callAction(
      newProgramAction,
      await makeRequest("/staff/programs/new", { userId: staff.id, form: { intent: "save", titleVi: "x".repeat(201), gradeMin: 9, gradeMax: 6, feeVnd: -5, coverUrl: "javascript:alert(1)" } }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(["coverUrl", "feeVnd", "gradeMax", "titleVi"]);
    const created = await callAction(
      newProgramAction,
      await makeRequest("/staff/programs/new", { userId: staff.id, form: { intent: "save", titleVi: "Lập trình Arduino", titleEn: "Arduino coding", topics: "điện tử, lập trình", gradeMin: 6, gradeMax: 9 } }),
    );
    expect(created.status).toBe(302);
    const programId = Number(created.location!.match(/\/staff\/programs\/(\d+)/)![1]);
    const row = await db.selectFrom("programs").selectAll().where("id", "=", programId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ slug: "lap-trinh-arduino", status: "draft", kind: "workshop" });
    const dup = await callAction(newProgramAction, await makeRequest("/staff/programs/new", { userId: staff.id, form: { intent: "save", titleVi: "Lập trình Arduino" } }));
    expect(dup.status).toBe(400);
    expect(fieldErrorsOf(dup)).toEqual({ slug: ["catalog.errors.slugTaken"] });
    expect(await db.selectFrom("programs").select("id").where("title_vi", "=", "Lập trình Arduino").execute()).toHaveLength(1);
    const params = { programId: String(programId) };
    await callAction(editProgramAction, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id, form: { intent: "status", status: "published" } }), params);
    expect((await db.selectFrom("programs").select("status").where("id", "=", programId).executeTakeFirstOrThrow()).status).toBe("published");
    expect((await callAction(editProgramAction, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id, form: { intent: "status", status: "gone" } }), params)).status).toBe(400);
    expect((await db.selectFrom("programs").select("status").where("id", "=", programId).executeTakeFirstOrThrow()).status).toBe("published");
    const page = await callLoader(editProgramLoader, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id }), params);
    expect(page.data.program).toMatchObject({ id: programId, slug: "lap-trinh-arduino", title: "Lập trình Arduino", values: { titleEn: "Arduino coding", gradeMin: "6", gradeMax: "9", topics: "lập trình, điện tử" } });
    expect((await callLoader(editProgramLoader, await makeRequest("/staff/programs/abc", { userId: staff.id }), { programId: "abc" })).status).toBe(404);

    const url = `/staff/sessions/new?programId=${programId}`;
    const badSession = await callAction(
      newSessionAction,
      await makeRequest(url, { userId: staff.id, form: sessionForm({ capacity: -3, "meetings[0].end": "07:00", "meetings[1].date": "2026-13-45" }) }),
    );
    expect(badSession.status).toBe(400);
    expect(fieldErrorsOf(badSession)).toMatchObject({
      capacity: ["validation.min"],
      "meetings[0].end": ["workshops.errors.endBeforeStart"],
      "meetings[1].date": ["validation.date"],
    });
    const none = await callAction(newSessionAction, await makeRequest(url, { userId: staff.id, form: { room: "P1", capacity: 5 } }));
    expect(fieldErrorsOf(none)).toMatchObject({ "meetings[0].date": ["workshops.errors.noMeetings"] });
    expect((await callAction(newSessionAction, await makeRequest("/staff/sessions/new?programId=999999", { userId: staff.id, form: sessionForm() }))).status).toBe(404);
    const ok = await callAction(
      newSessionAction,
      await makeRequest(url, {
        userId: staff.id,
        form: sessionForm({ "meetings[1].date": inDays(27).slice(0, 10), "meetings[1].start": "08:00", "meetings[1].end": "11:00" }),
      }),
    );
    expect(ok.status).toBe(302);
    const session = await db.selectFrom("workshop_sessions").selectAll().where("program_id", "=", programId).executeTakeFirstOrThrow();
    const meetings = await db.selectFrom("workshop_meetings").selectAll().where("session_id", "=", session.id).orderBy("starts_at").execute();
    expect(meetings).toHaveLength(2);
    expect(session.starts_at).toBe(meetings[0].starts_at);
    expect(session.ends_at).toBe(meetings[1].ends_at);
    expect(meetings[0].starts_at.slice(11, 16)).toBe("01:00"); // 08:00 in Vietnam
  });

  it("capacity below confirmed is refused with a field message; roster, attendance, removal and CSV", async () => {
    const staff = await createTestUser({ role: "staff" });
    const w = await createWorkshop({ session: { capacity: 2 } });
    const [a, b, c] = await Promise.all(["Nguyễn Thị Phương Thảo", "Trần Đức Việt", "Lê Ngọc Ánh"].map((fullName) => createTestUser({ role: "student", fullName })));
    for (const u of [a, b, c]) await registerStudent(db, { sessionId: w.sessionId, userId: u.id });
    const p = { sessionId: String(w.sessionId) };
    const lower = await callAction(editSessionAction, await makeRequest(`/staff/sessions/${w.sessionId}/edit`, { userId: staff.id, form: sessionForm({ capacity: 1 }) }), p);
    expect(lower.status).toBe(409);
    expect(fieldErrorsOf(lower)).toEqual({ capacity: ["workshops.errors.capacityBelowConfirmed"] });
    expect((await sessionRow(w.sessionId)).capacity).toBe(2);

    const roster = await callLoader(rosterLoader, await makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: staff.id }), p);
    expect(roster.data.confirmed.map((r: { fullName: string }) => r.fullName)).toEqual(["Nguyễn Thị Phương Thảo", "Trần Đức Việt"]);
    expect(roster.data.waitlist.map((r: { fullName: string; waitlistPosition: number }) => [r.fullName, r.waitlistPosition])).toEqual([["Lê Ngọc Ánh", 1]]);
    const meetingId = roster.data.meetings[0].id;
    const regA = roster.data.confirmed[0].registrationId;
    const mark = await callAction(
      rosterAction,
      await makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: staff.id, form: { intent: "attendance", registrationId: regA, meetingId, status: "attended" } }),
      p,
    );
    expect(mark.status).toBe(200);
    const badMark = await callAction(
      rosterAction,
      await makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: staff.id, form: { intent: "attendance", registrationId: regA, meetingId, status: "late" } }),
      p,
    );
    expect(badMark.status).toBe(400);
    const regB = roster.data.confirmed[1].registrationId;
    const removed = await callAction(rosterAction, await makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: staff.id, form: { intent: "remove", registrationId: regB, confirm: "yes" } }), p);
    expect(removed.status).toBe(200);
    const after = await callLoader(rosterLoader, await makeRequest(`/staff/sessions/${w.sessionId}/roster`, { userId: staff.id }), p);
    expect(after.data.confirmed.map((r: { fullName: string }) => r.fullName)).toEqual(["Lê Ngọc Ánh", "Nguyễn Thị Phương Thảo"]);
    expect(after.data.waitlist).toEqual([]);
    const missing = await callAction(rosterAction, await makeRequest("/x", { userId: staff.id, form: { intent: "remove", registrationId: 999999, confirm: "yes" } }), p);
    expect(missing.status).toBe(404);
    expect(fieldErrorsOf(missing)).toEqual({ "": ["workshops.cancelRefused.notFound"] });
    const again = await callAction(rosterAction, await makeRequest("/x", { userId: staff.id, form: { intent: "remove", registrationId: regB, confirm: "yes" } }), p);
    expect(again.status).toBe(409);
    expect(fieldErrorsOf(again)).toEqual({ "": ["workshops.errors.notActive"] });
    const otherMeeting = await createWorkshop({ startDays: 70 });
    const foreign = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", otherMeeting.sessionId).executeTakeFirstOrThrow();
    const wrongMeeting = await callAction(
      rosterAction,
      await makeRequest("/x", { userId: staff.id, form: { intent: "attendance", registrationId: regA, meetingId: foreign.id, status: "absent" } }),
      p,
    );
    expect(wrongMeeting.status).toBe(404);
    expect(await db.selectFrom("workshop_attendance").select("meeting_id").where("registration_id", "=", regA).execute()).toEqual([{ meeting_id: meetingId }]);

    const csv = await callLoader(csvLoader, await makeRequest(`/staff/sessions/${w.sessionId}/roster.csv`, { userId: staff.id }), p);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const raw = (await csvLoader({ request: await makeRequest("/x", { userId: staff.id }), params: p, context: {} as never })) as Response;
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.data).toContain("Nguyễn Thị Phương Thảo");
    expect(csv.data).toContain("Có mặt");
    expect((await callLoader(csvLoader, await makeRequest("/x", { userId: staff.id }), { sessionId: "99999" })).status).toBe(404);
    expect((await callLoader(rosterLoader, await makeRequest("/x", { userId: staff.id }), { sessionId: "-1" })).status).toBe(404);
  });
});
