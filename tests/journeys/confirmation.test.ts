// Points 3 and 4 of issue 19: registering answers Post/Redirect/Get with a confirmation page (date, place with
// the centre's address and map, .ics, what to bring, payment), and cancelling needs its confirm step.
import { describe, expect, it } from "vitest";
import { updateCentre } from "~/centre/centre.server";
import { db } from "~/lib/db.server";
import { action as cancelAction, loader as cancelLoader } from "~/routes/registrations.$id.cancel";
import { loader as confirmationLoader } from "~/routes/registrations.$id._index";
import { action as scheduleAction } from "~/routes/schedule._index";
import { loader as icsLoader } from "~/routes/schedule.$file";
import { action as workshopAction } from "~/routes/workshops.$slug";
import { centreSettingsSchema } from "~/centre/schemas";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { createWorkshop, registrationsOf, sessionRow } from "../helpers/workshops";

const centre = centreSettingsSchema.parse({
  nameVi: "Trung tâm Thử",
  phone: "028 1234 5678",
  addressVi: "1 Đường Thử, Quận 1",
  bringVi: "Mang bình nước",
  bankName: "Ngân hàng Thử",
  bankAccount: "123456789",
  bankHolder: "STEM HUB",
});

async function register(slug: string, sessionId: number, userId: number) {
  return callAction(workshopAction, await makeRequest(`/workshops/${slug}`, { userId, form: { intent: "register", sessionId } }), { slug });
}

const statusOf = async (id: number) =>
  (await db.selectFrom("workshop_registrations").select(["status", "waitlist_position"]).where("id", "=", id).executeTakeFirstOrThrow());

describe("registering lands on a confirmation people can use", () => {
  it("redirects to /registrations/:id with the meetings, the room at the centre's address, a map link, payment and the .ics", async () => {
    await updateCentre(db, { values: centre, actor: { userId: null, ip: "test" }, now: "2026-01-01T00:00:00.000Z" });
    const w = await createWorkshop({ program: { feeVnd: 150000 } });
    const s = await createTestUser({ role: "student", grade: 8 });
    const r = await register(w.slug, w.sessionId, s.id);
    expect(r.status).toBe(302);
    const [reg] = await registrationsOf(w.sessionId);
    expect(r.location).toBe(`/registrations/${reg.id}?outcome=now`);
    const page = await callLoader(confirmationLoader, await makeRequest(r.location!, { userId: s.id }), { id: String(reg.id) });
    expect(page.status).toBe(200);
    expect(page.data.meetings.length).toBeGreaterThan(0);
    expect(page.data.registration).toMatchObject({ status: "confirmed", cancellable: true });
    expect(page.data.centre).toMatchObject({ address: "1 Đường Thử, Quận 1", bring: "Mang bình nước", bank: { account: "123456789" } });
    expect(page.data.centre.mapUrl).toContain("google.com/maps");
    expect(page.data.program.feeVnd).toBe(150000);
    expect(page.data.paymentReference).toBe(`STEMHUB R${reg.id}`);
    const ics = await callLoader(icsLoader, await makeRequest(`/schedule/${reg.id}.ics`, { userId: s.id }), { file: `${reg.id}.ics` });
    expect(String(ics.data)).toContain("1 Đường Thử");
    // A second click answers "already" on the same page.
    expect((await register(w.slug, w.sessionId, s.id)).location).toBe(`/registrations/${reg.id}?outcome=already`);
  });

  it("another user (student, teacher, staff) cannot open someone's confirmation or its cancel step", async () => {
    const w = await createWorkshop();
    const s = await createTestUser({ role: "student", grade: 8 });
    await register(w.slug, w.sessionId, s.id);
    const [reg] = await registrationsOf(w.sessionId);
    for (const role of ["student", "teacher", "staff"] as const) {
      const other = await createTestUser({ role });
      const params = { id: String(reg.id) };
      expect((await callLoader(confirmationLoader, await makeRequest(`/registrations/${reg.id}`, { userId: other.id }), params)).status).toBe(404);
      expect((await callLoader(cancelLoader, await makeRequest(`/registrations/${reg.id}/cancel`, { userId: other.id }), params)).status).toBe(404);
      const forged = await callAction(
        cancelAction,
        await makeRequest(`/registrations/${reg.id}/cancel`, { userId: other.id, form: { intent: "cancel", registrationId: reg.id, confirm: "yes" } }),
        params,
      );
      expect(forged.status).toBe(404);
    }
    expect(await statusOf(reg.id)).toMatchObject({ status: "confirmed" });
    expect((await callLoader(confirmationLoader, await makeRequest(`/registrations/${reg.id}`), { id: String(reg.id) })).location).toMatch(/^\/login/);
  });
});

describe("cancelling needs its confirm step", () => {
  it("the final POST without confirm=yes is refused (400, form-level message) and nothing changes; with it, the seat goes to #1", async () => {
    const w = await createWorkshop({ session: { capacity: 1 } });
    const a = await createTestUser({ role: "student", grade: 8 });
    const b = await createTestUser({ role: "student", grade: 8 });
    await register(w.slug, w.sessionId, a.id);
    await register(w.slug, w.sessionId, b.id);
    const [regA, regB] = await registrationsOf(w.sessionId);
    const params = { id: String(regA.id) };
    // The confirm step says what happens next.
    const step = await callLoader(cancelLoader, await makeRequest(`/registrations/${regA.id}/cancel`, { userId: a.id }), params);
    expect(step.status).toBe(200);
    // Replays without the confirm step's intent: on the confirm route, the workshop page and the schedule.
    const replays = [
      await callAction(cancelAction, await makeRequest(`/registrations/${regA.id}/cancel`, { userId: a.id, form: { intent: "cancel", registrationId: regA.id } }), params),
      await callAction(cancelAction, await makeRequest(`/registrations/${regA.id}/cancel`, { userId: a.id, form: { intent: "cancel", registrationId: regA.id, confirm: "no" } }), params),
      await callAction(workshopAction, await makeRequest(`/workshops/${w.slug}`, { userId: a.id, form: { intent: "cancel", registrationId: regA.id } }), { slug: w.slug }),
      await callAction(scheduleAction, await makeRequest("/schedule", { userId: a.id, form: { intent: "cancel", registrationId: regA.id } })),
    ];
    for (const r of replays) {
      expect(r.status).toBe(400);
      expect(fieldErrorsOf(r)[""]).toEqual(["confirm.required"]);
    }
    expect(await statusOf(regA.id)).toMatchObject({ status: "confirmed" });
    expect(await statusOf(regB.id)).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
    // The confirmed POST: cancelled, back to the session with a notice; #1 on the waitlist takes the seat.
    const done = await callAction(
      cancelAction,
      await makeRequest(`/registrations/${regA.id}/cancel`, { userId: a.id, form: { intent: "cancel", registrationId: regA.id, confirm: "yes" } }),
      params,
    );
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/workshops/${w.slug}?notice=notice.workshops.cancelled#session-${w.sessionId}`);
    expect(await statusOf(regA.id)).toMatchObject({ status: "cancelled" });
    expect(await statusOf(regB.id)).toMatchObject({ status: "confirmed" });
    // Nothing left to cancel: the step sends back to the registration.
    expect((await callLoader(cancelLoader, await makeRequest(`/registrations/${regA.id}/cancel`, { userId: a.id }), params)).location).toBe(`/registrations/${regA.id}`);
  });
});
