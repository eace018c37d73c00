// Issue 19 point 8: the staff session form shows one meeting row; "Add a meeting" without JavaScript posts the
// form back and it returns with one more row and everything typed, creating nothing.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as editSessionAction } from "~/routes/staff.sessions.$sessionId.edit";
import { action as newSessionAction } from "~/routes/staff.sessions.new";
import { MAX_MEETINGS } from "~/workshops/schemas";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";
import { createWorkshop, inDays } from "../helpers/workshops";

const sessionCount = async () => Number((await db.selectFrom("workshop_sessions").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("adding a meeting row without JavaScript", () => {
  it("returns the form with one more row and what was typed; nothing is created; the last row is the limit", async () => {
    const w = await createWorkshop();
    const staff = await createTestUser({ role: "staff" });
    const url = `/staff/sessions/new?programId=${w.programId}`;
    const date = inDays(20).slice(0, 10);
    const before = await sessionCount();
    const form = { intent: "addMeeting", meetingRows: 1, room: "Phòng Robotics", capacity: 12, "meetings[0].date": date, "meetings[0].start": "08:00", "meetings[0].end": "11:00" };
    const r = await callAction(newSessionAction, await makeRequest(url, { userId: staff.id, form }));
    expect(r.status).toBe(200);
    expect(r.data.submission.initialValue).toMatchObject({ meetingRows: "2", room: "Phòng Robotics", capacity: "12", meetings: [{ date, start: "08:00", end: "11:00" }] });
    expect(r.data.submission.error ?? {}).toEqual({});
    expect(await sessionCount()).toBe(before);

    const atMax = await callAction(newSessionAction, await makeRequest(url, { userId: staff.id, form: { ...form, meetingRows: MAX_MEETINGS } }));
    expect(atMax.data.submission.initialValue.meetingRows).toBe(String(MAX_MEETINGS));
    for (const bad of ["0", "abc", String(MAX_MEETINGS + 1)]) {
      expect((await callAction(newSessionAction, await makeRequest(url, { userId: staff.id, form: { ...form, meetingRows: bad } }))).status).toBe(400);
    }
    // The edit page does the same; a teacher may not.
    const edit = await callAction(editSessionAction, await makeRequest(`/staff/sessions/${w.sessionId}/edit`, { userId: staff.id, form }), { sessionId: String(w.sessionId) });
    expect(edit.status).toBe(200);
    expect(edit.data.submission.initialValue.meetingRows).toBe("2");
    const teacher = await createTestUser({ role: "teacher" });
    expect((await callAction(newSessionAction, await makeRequest(url, { userId: teacher.id, form }))).status).toBe(403);
  });
});
