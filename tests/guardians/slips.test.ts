// Permission slips (issue 16): created when staff confirm a class booking (consented students only), signed by a
// linked guardian or once through a printed link, voided with the booking, medical notes purged after the visit;
// the teacher's page and its denials (another school, another family: 404, tables re-read).
import { describe, expect, it } from "vitest";
import { loadSlipList, printSlipLinks, purgeMedicalNotes, signSlip } from "~/guardians/slips.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as slipsAction, loader as slipsLoader } from "~/routes/bookings.$id_.slips";
import { action as guardianSlipAction, loader as guardianSlipLoader } from "~/routes/guardian.slips.$id";
import { action as tokenAction, loader as tokenLoader } from "~/routes/slips.$token";
import { changeBooking } from "~/tours/lifecycle.server";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { createTestUser } from "../helpers/factories";
import { confirmedClassBooking, linkedGuardian, onVisitDay } from "../helpers/guardians";
import { createSchoolWithTeacher } from "../helpers/tours";

const ip = "198.51.100.7";


const slipsOf = (bookingId: number) => db.selectFrom("permission_slips").selectAll().where("booking_id", "=", bookingId).orderBy("student_id").execute();
const slipOf = async (bookingId: number, studentId: number) => (await slipsOf(bookingId)).find((s) => s.student_id === studentId)!;
const answer = { answer: "yes", emergencyPhone: "0912 345 678", medicalNote: "Dị ứng đậu phộng", signedName: "Vũ Văn Cha" };

describe("permission slips", () => {
  it("confirming a class booking creates pending slips for consented students only, and tells their guardians", async () => {
    const b = await confirmedClassBooking();
    const slips = await slipsOf(b.bookingId);
    expect(slips.map((s) => s.student_id).sort()).toEqual([b.older.id, b.young.id].sort());
    expect(slips.every((s) => s.status === "pending")).toBe(true);
    const notes = await db.selectFrom("notifications").select(["message_key", "link"]).where("user_id", "=", b.guardian.id).where("message_key", "=", "notifications.slipWaiting").execute();
    expect(notes).toEqual([{ message_key: "notifications.slipWaiting", link: `/guardian/slips/${(await slipOf(b.bookingId, b.young.id)).id}` }]);
    const view = await loadSlipList(db, { subject: { bookingId: b.bookingId }, seesMedical: true });
    expect(view.counts).toEqual({ yes: 0, no: 0, pending: 2, noConsent: 1, void: 0 });
  });

  it("the linked guardian signs (NFC, trimmed, time and address recorded, shown back); another family gets 404 and nothing changes", async () => {
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    const stranger = await linkedGuardian(db, (await createTestUser({ role: "student" })).id);
    const before = await slipsOf(b.bookingId);
    const denied = await callLoader(guardianSlipLoader, await makeRequest(`/guardian/slips/${slip.id}`, { userId: stranger.id }), { id: String(slip.id) });
    expect(denied.status).toBe(404);
    const deniedPost = await callAction(guardianSlipAction, await makeRequest(`/guardian/slips/${slip.id}`, { userId: stranger.id, form: answer }), { id: String(slip.id) });
    expect(deniedPost.status).toBe(404);
    expect(await slipsOf(b.bookingId)).toEqual(before);
    // Decomposed Vietnamese letters and spaces around: stored in NFC, trimmed.
    const typed = "  Vu\u0303 Văn Cha  ";
    const r = await callAction(guardianSlipAction, await makeRequest(`/guardian/slips/${slip.id}`, { userId: b.guardian.id, form: { ...answer, signedName: typed } }), { id: String(slip.id) }, { clientIp: ip });
    expect(r.location).toBe(`/guardian/slips/${slip.id}?notice=notice.slips.signed`);
    const signed = await slipOf(b.bookingId, b.young.id);
    expect(signed).toMatchObject({ status: "yes", signed_name: "Vũ Văn Cha", emergency_phone: "0912 345 678", medical_note: "Dị ứng đậu phộng", signed_ip: ip, signed_by: b.guardian.id });
    const page = await callLoader(guardianSlipLoader, await makeRequest(`/guardian/slips/${slip.id}`, { userId: b.guardian.id }), { id: String(slip.id) });
    expect(page.data.slip.answer).toMatchObject({ signedName: "Vũ Văn Cha", signedIp: ip, status: "yes" });
    const bad = await callAction(guardianSlipAction, await makeRequest(`/guardian/slips/${slip.id}`, { userId: b.guardian.id, form: { ...answer, emergencyPhone: "abc", signedName: " " } }), { id: String(slip.id) });
    expect(bad.status).toBe(400);
  });

  it("a printed link signs once; used again it is dead and nothing changes", async () => {
    const b = await confirmedClassBooking();
    const links = await printSlipLinks(db, { subject: { bookingId: b.bookingId }, now: nowIso() });
    expect(links).toHaveLength(2);
    const link = links.find((l) => l.studentName === "Đỗ Văn Lớn")!;
    const page = await callLoader(tokenLoader, await makeRequest(`/slips/${link.token}`), { token: link.token });
    expect(page.data.slip).toMatchObject({ studentName: "Đỗ Văn Lớn", open: true });
    const r = await callAction(tokenAction, await makeRequest(`/slips/${link.token}`, { form: { ...answer, answer: "no", signedName: "Đỗ Thị Mẹ" } }), { token: link.token });
    expect(r.data.signed.answer).toMatchObject({ status: "no", signedName: "Đỗ Thị Mẹ" });
    const before = await slipsOf(b.bookingId);
    expect(before.find((s) => s.student_id === b.older.id)).toMatchObject({ status: "no", signed_by: null, token_hash: null });
    const again = await callAction(tokenAction, await makeRequest(`/slips/${link.token}`, { form: answer }), { token: link.token });
    expect(again.status).toBe(404);
    expect(await slipsOf(b.bookingId)).toEqual(before);
    expect((await callLoader(tokenLoader, await makeRequest(`/slips/${link.token}`), { token: link.token })).data.slip).toBeNull();
  });

  it("a cancelled booking voids its slips (phones and notes erased); signing it is refused", async () => {
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    expect((await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "Hen", signedName: "Vũ Văn Cha", ip, now: nowIso() })).ok).toBe(true);
    const cancelled = await changeBooking(db, { bookingId: b.bookingId, actor: { userId: b.staff.id, kind: "staff" }, change: { action: "cancelByStaff", reason: "Mưa bão" }, now: nowIso() });
    expect(cancelled.ok).toBe(true);
    const slips = await slipsOf(b.bookingId);
    expect(slips.every((s) => s.status === "void" && s.medical_note === null && s.emergency_phone === null)).toBe(true);
    expect(await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "", signedName: "Vũ Văn Cha", ip, now: nowIso() })).toMatchObject({ ok: false, reason: "closed" });
    expect(await slipsOf(b.bookingId)).toEqual(slips);
  });

  it("medical notes are purged 30 days after the visit, not before", async () => {
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "Hen suyễn", signedName: "Vũ Văn Cha", ip, now: nowIso() });
    const endsAt = (await db.selectFrom("tour_slots").select("ends_at").where("id", "=", b.slot.id).executeTakeFirstOrThrow()).ends_at;
    const day = 86400_000;
    await purgeMedicalNotes(db, { now: new Date(Date.parse(endsAt) + 29 * day).toISOString() });
    expect((await slipOf(b.bookingId, b.young.id)).medical_note).toBe("Hen suyễn");
    const purgedAt = new Date(Date.parse(endsAt) + 31 * day).toISOString();
    expect(await purgeMedicalNotes(db, { now: purgedAt })).toBeGreaterThanOrEqual(1);
    expect(await slipOf(b.bookingId, b.young.id)).toMatchObject({ medical_note: null, medical_purged_at: purgedAt, emergency_phone: "0912345678", status: "yes" });
  });
});

describe("retention of medical notes (centre setting)", () => {
  it("the admin sets the days (1–365, audited); the purge follows them; others are refused and nothing changes", async () => {
    const { action: centreAction, loader: centreLoader } = await import("~/routes/admin.centre");
    const { getCentreForm, medicalRetentionDays } = await import("~/centre/centre.server");
    const { fieldErrorsOf } = await import("../helpers/http");
    const admin = await createTestUser({ role: "admin" });
    expect(await medicalRetentionDays(db)).toBe(30);
    expect((await callLoader(centreLoader, await makeRequest("/admin/centre", { userId: admin.id }))).data.values.medicalRetentionDays).toBe(30);
    const before = await getCentreForm(db);
    for (const bad of ["0", "366", "2.5", "abc"]) {
      const r = await callAction(centreAction, await makeRequest("/admin/centre", { userId: admin.id, form: { medicalRetentionDays: bad } }));
      expect(r.status).toBe(400);
      expect(Object.keys(fieldErrorsOf(r))).toEqual(["medicalRetentionDays"]);
    }
    const staff = await createTestUser({ role: "staff" });
    expect((await callAction(centreAction, await makeRequest("/admin/centre", { userId: staff.id, form: { medicalRetentionDays: "7" } }))).status).toBe(403);
    expect(await getCentreForm(db)).toEqual(before);
    const saved = await callAction(centreAction, await makeRequest("/admin/centre", { userId: admin.id, form: { medicalRetentionDays: "7" } }));
    expect(saved.location).toBe("/admin/centre?notice=notice.centre.saved");
    expect(await medicalRetentionDays(db)).toBe(7);
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "centre.settingsChanged").where("actor_id", "=", admin.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({ medicalRetentionDays: 7 });

    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "Hen suyễn", signedName: "Vũ Văn Cha", ip, now: nowIso() });
    const endsAt = (await db.selectFrom("tour_slots").select("ends_at").where("id", "=", b.slot.id).executeTakeFirstOrThrow()).ends_at;
    const day = 86400_000;
    await purgeMedicalNotes(db, { now: new Date(Date.parse(endsAt) + 6 * day).toISOString() });
    expect((await slipOf(b.bookingId, b.young.id)).medical_note).toBe("Hen suyễn");
    await purgeMedicalNotes(db, { now: new Date(Date.parse(endsAt) + 8 * day).toISOString() });
    expect((await slipOf(b.bookingId, b.young.id)).medical_note).toBeNull();
    // Back to the default for the other tests of this file.
    await callAction(centreAction, await makeRequest("/admin/centre", { userId: admin.id, form: { medicalRetentionDays: "30" } }));
    expect(await medicalRetentionDays(db)).toBe(30);
  });
});

describe("the teacher's slips page", () => {
  it("the class's teacher sees counts and medical notes, sets the count from signed yes; another school's teacher gets 404", async () => {
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "Hen suyễn", signedName: "Vũ Văn Cha", ip, now: nowIso() });
    const p = { id: String(b.bookingId) };
    const page = await callLoader(slipsLoader, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId: b.school.teacher.id }), p);
    expect(page.data.counts).toMatchObject({ yes: 1, pending: 1, noConsent: 1 });
    expect(page.data.slips.find((s: { studentId: number }) => s.studentId === b.young.id).medicalNote).toBe("Hen suyễn");
    // The school's coordinator (not a teacher of the class) sees the list without medical notes and cannot act.
    const coord = await callLoader(slipsLoader, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId: b.school.coordinator.id }), p);
    expect(coord.data.slips.every((s: { medicalNote: string | null }) => s.medicalNote === null)).toBe(true);
    expect(JSON.stringify(coord.data)).not.toContain("Hen suyễn");
    const other = await createSchoolWithTeacher("Trường Khác");
    const tablesBefore = { slips: await slipsOf(b.bookingId), booking: await db.selectFrom("tour_bookings").selectAll().where("id", "=", b.bookingId).execute() };
    for (const userId of [other.teacher.id, other.coordinator.id]) {
      expect((await callLoader(slipsLoader, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId }), p)).status).toBe(404);
      for (const intent of ["remind", "print", "setCount"]) {
        expect((await callAction(slipsAction, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId, form: { intent } }), p)).status).toBe(404);
      }
    }
    expect((await callAction(slipsAction, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId: b.school.coordinator.id, form: { intent: "setCount" } }), p)).status).toBe(403);
    expect({ slips: await slipsOf(b.bookingId), booking: await db.selectFrom("tour_bookings").selectAll().where("id", "=", b.bookingId).execute() }).toEqual(tablesBefore);
    const set = await callAction(slipsAction, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId: b.school.teacher.id, form: { intent: "setCount" } }), p);
    expect(set.location).toBe(`/bookings/${b.bookingId}/slips?notice=notice.slips.countSet`);
    expect((await db.selectFrom("tour_bookings").select("students").where("id", "=", b.bookingId).executeTakeFirstOrThrow()).students).toBe(1);
    const slot = await db.selectFrom("tour_slots").select("held_students").where("id", "=", b.slot.id).executeTakeFirstOrThrow();
    expect(slot.held_students).toBe(1);
    const remind = await callAction(slipsAction, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId: b.school.teacher.id, form: { intent: "remind" } }), p);
    expect(remind.location).toContain("notice.slips.reminded");
  });
});

describe("medical notes on the visit day", () => {
  it("staff see the notes only on the Vietnam date of the visit (both sides of midnight); the class's teacher always; the page shows the placeholder", async () => {
    const { medicalNotesShown, slipsAccess } = await import("~/guardians/slips.server");
    const { isoToVnLocal, vnLocalToIso } = await import("~/lib/time");
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "Hen suyễn", signedName: "Vũ Văn Cha", ip, now: nowIso() });
    const day = isoToVnLocal(b.slot.starts_at).date;
    const midnight = Date.parse(vnLocalToIso(day, "00:00"));
    const at = (ms: number) => new Date(ms).toISOString();
    const cases: [string, boolean][] = [
      [at(midnight - 1000), false],
      [at(midnight), true],
      [at(midnight + 86_400_000 - 1000), true],
      [at(midnight + 86_400_000), false],
    ];
    for (const [now, shown] of cases) {
      expect(medicalNotesShown({ staff: true, teachesClass: false, startsAt: b.slot.starts_at, now })).toBe(shown);
      const staffAccess = await slipsAccess(db, { bookingId: b.bookingId, userId: b.staff.id, staff: true, startsAt: b.slot.starts_at, now });
      expect(staffAccess).toEqual({ manages: true, notesShown: shown });
      const list = await loadSlipList(db, { subject: { bookingId: b.bookingId }, seesMedical: staffAccess.notesShown });
      expect(list.slips.find((s) => s.studentId === b.young.id)!.medicalNote).toBe(shown ? "Hen suyễn" : null);
      // The class's teacher prepares the trip: always.
      expect(await slipsAccess(db, { bookingId: b.bookingId, userId: b.school.teacher.id, staff: false, startsAt: b.slot.starts_at, now })).toEqual({ manages: true, notesShown: true });
      // The coordinator (not a teacher of the class): never.
      expect(await slipsAccess(db, { bookingId: b.bookingId, userId: b.school.coordinator.id, staff: false, startsAt: b.slot.starts_at, now })).toEqual({ manages: false, notesShown: false });
    }
    // Today is two weeks before the visit: staff's page withholds the note.
    const page = await callLoader(slipsLoader, await makeRequest(`/bookings/${b.bookingId}/slips`, { userId: b.staff.id }), { id: String(b.bookingId) });
    expect(page.status).toBe(200);
    expect(page.data.notesShown).toBe(false);
    expect(JSON.stringify(page.data)).not.toContain("Hen suyễn");
  });
});

describe("the staff day sheet", () => {
  it("shows per class group how many are cleared by a signed slip and how many slips are missing", async () => {
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "", signedName: "Vũ Văn Cha", ip, now: nowIso() });
    const startsAt = (await db.selectFrom("tour_slots").select("starts_at").where("id", "=", b.slot.id).executeTakeFirstOrThrow()).starts_at;
    const { loadDaySheet } = await import("~/tours/queries.server");
    const { isoToVnLocal } = await import("~/lib/time");
    const sheet = await loadDaySheet(db, isoToVnLocal(startsAt).date, "vi");
    const row = sheet.flatMap((s) => s.bookings).find((x) => x.id === b.bookingId)!;
    // Three students listed: one yes, one not answered, one without consent (no slip).
    expect(row.slips).toEqual({ listed: 3, cleared: 1, missing: 2 });
  });
});

describe("day-of check-in", () => {
  it("checks in cleared students on the visit day only; others are refused and nothing changes", async () => {
    const { loadCheckIn, setCheckIn } = await import("~/guardians/checkin.server");
    const { loader: checkinLoader, action: checkinAction } = await import("~/routes/bookings.$id_.checkin");
    const b = await confirmedClassBooking();
    const slip = await slipOf(b.bookingId, b.young.id);
    await signSlip(db, { who: { kind: "guardian", guardianId: b.guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "", signedName: "Vũ Văn Cha", ip, now: nowIso() });
    const startsAt = (await db.selectFrom("tour_slots").select("starts_at").where("id", "=", b.slot.id).executeTakeFirstOrThrow()).starts_at;
    const visitDay = onVisitDay(startsAt);
    const actor = { userId: b.school.teacher.id, ip };
    const rows = () => db.selectFrom("tour_booking_students").selectAll().where("booking_id", "=", b.bookingId).orderBy("student_id").execute();
    const before = await rows();
    // Not yet the visit day; a student without a yes slip.
    expect(await setCheckIn(db, { bookingId: b.bookingId, studentId: b.young.id, present: true, actor, now: nowIso() })).toMatchObject({ ok: false, reason: "notVisitDay" });
    expect(await setCheckIn(db, { bookingId: b.bookingId, studentId: b.older.id, present: true, actor, now: visitDay })).toMatchObject({ ok: false, reason: "notFound" });
    expect(await rows()).toEqual(before);
    expect(await setCheckIn(db, { bookingId: b.bookingId, studentId: b.young.id, present: true, actor, now: visitDay })).toEqual({ ok: true, value: undefined });
    const list = await loadCheckIn(db, { bookingId: b.bookingId, now: visitDay });
    expect(list).toMatchObject({ visitDay: true, checkedIn: 1, students: [{ id: b.young.id, checkedInAt: visitDay }] });
    // The page: the class's teacher 200; the school's coordinator 403; another school's teacher 404.
    const p = { id: String(b.bookingId) };
    expect((await callLoader(checkinLoader, await makeRequest(`/bookings/${b.bookingId}/checkin`, { userId: b.school.teacher.id }), p)).status).toBe(200);
    expect((await callLoader(checkinLoader, await makeRequest(`/bookings/${b.bookingId}/checkin`, { userId: b.school.coordinator.id }), p)).status).toBe(403);
    const other = await createSchoolWithTeacher("Trường Khác Nữa");
    const after = await rows();
    expect((await callLoader(checkinLoader, await makeRequest(`/bookings/${b.bookingId}/checkin`, { userId: other.teacher.id }), p)).status).toBe(404);
    expect((await callAction(checkinAction, await makeRequest(`/bookings/${b.bookingId}/checkin`, { userId: other.teacher.id, form: { intent: "tap", studentId: b.young.id, present: "0" } }), p)).status).toBe(404);
    expect(await rows()).toEqual(after);
  });
});
