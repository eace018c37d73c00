// Student cards and check-in by card (issue 16): the card code is opaque and random, stays until a teacher replaces
// it, and only identifies a student on a check-in page someone may already use. Checking in by card: the valid card
// of a cleared student, a second scan (harmless, not audited twice), another booking's student, a forged or replaced
// code, a student without a signed slip, a day that is not the visit day; the route's action and its denials.
import fs from "node:fs";
import path from "node:path";
import { ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import { describe, expect, it } from "vitest";
import { CARD_CODE_ALPHABET, CARD_CODE_LENGTH, formatCardCode, normaliseCardCode } from "~/guardians/card-code";
import { cardCodesFor, cardQrText, cardsForClass, checkInByCard, generateCardCode, replaceStudentCard } from "~/guardians/cards.server";
import { signSlip } from "~/guardians/slips.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as checkinAction } from "~/routes/bookings.$id_.checkin";
import { action as bulkAction } from "~/routes/classes.$classId.accounts.bulk";
import { action as cardsAction, loader as cardsLoader } from "~/routes/classes.$classId.cards";
import { createTestClass, createTestUser } from "../helpers/factories";
import { confirmedClassBooking, onVisitDay } from "../helpers/guardians";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { createSchoolWithTeacher } from "../helpers/tours";
import { decodeQrSvgDataUrl } from "../helpers/documents";

const ip = "198.51.100.9";

/** A confirmed class booking: `young` is cleared (slip signed yes), `older` has a pending slip, `noConsent` none. */
async function clearedBooking(schoolName?: string) {
  const { slot, school, cls, older, young, noConsent, guardian, bookingId, staff } = await confirmedClassBooking(schoolName);
  const slip = await db.selectFrom("permission_slips").select("id").where("booking_id", "=", bookingId).where("student_id", "=", young.id).executeTakeFirstOrThrow();
  const signed = await signSlip(db, { who: { kind: "guardian", guardianId: guardian.id, slipId: slip.id }, answer: "yes", emergencyPhone: "0912345678", medicalNote: "", signedName: "Vũ Văn Cha", ip, now: nowIso() });
  expect(signed.ok).toBe(true);
  const startsAt = (await db.selectFrom("tour_slots").select("starts_at").where("id", "=", slot.id).executeTakeFirstOrThrow()).starts_at;
  const visitDay = onVisitDay(startsAt);
  const cards = await cardsForClass(db, { classId: cls, actorId: school.teacher.id, now: nowIso() });
  const code = (id: number) => cards.find((c) => c.studentId === id)!.code;
  return { school, cls, older, young, noConsent, bookingId, staff, visitDay, code };
}

const bookingRows = (bookingId: number) => db.selectFrom("tour_booking_students").selectAll().where("booking_id", "=", bookingId).orderBy("student_id").execute();
const checkInAudits = (bookingId: number) =>
  db.selectFrom("audit_events").select(["details", "actor_id"]).where("action", "=", "slip.checkIn").where("subject_id", "=", String(bookingId)).execute();

describe("card codes", () => {
  it("are 16 characters without look-alikes, read from the QR text or typed in groups, in any case", () => {
    const code = generateCardCode();
    expect(code).toHaveLength(CARD_CODE_LENGTH);
    for (const ch of code) expect(CARD_CODE_ALPHABET).toContain(ch);
    expect(normaliseCardCode(cardQrText(code))).toBe(code);
    expect(normaliseCardCode(` ${formatCardCode(code).toLowerCase()} `)).toBe(code);
    expect(normaliseCardCode(formatCardCode(code).replace(/-/g, " "))).toBe(code);
    expect(normaliseCardCode("https://example.com/x")).toBeNull();
    expect(normaliseCardCode(code.slice(1))).toBeNull();
    expect(normaliseCardCode(code.slice(1) + "0")).toBeNull();
    expect(new Set(Array.from({ length: 200 }, generateCardCode)).size).toBe(200);
  });

  it("the decoder's .wasm served from our origin is the one the scanner library was built with", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve("node_modules/zxing-wasm/package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe(ZXING_WASM_VERSION);
  });

  it("a class's cards keep their code; a replaced card stops working; only the class's teachers print and replace", async () => {
    const b = await clearedBooking();
    const again = await cardsForClass(db, { classId: b.cls, actorId: b.school.teacher.id, now: nowIso() });
    for (const c of again) expect(c.code).toBe(b.code(c.studentId));
    expect(new Set(again.map((c) => c.code)).size).toBe(3);

    // The page: the class's teacher sees a QR per student; staff and another school's teacher do not.
    const p = { classId: String(b.cls) };
    const page = await callLoader(cardsLoader, await makeRequest(`/classes/${b.cls}/cards`, { userId: b.school.teacher.id }), p);
    expect(page.status).toBe(200);
    expect(page.data.cards).toHaveLength(3);
    expect(page.data.cards[0].qr).toMatch(/^data:image\/svg\+xml;base64,/);
    for (const c of page.data.cards as { studentId: number; qr: string }[]) expect(decodeQrSvgDataUrl(c.qr)).toBe(cardQrText(b.code(c.studentId)));
    expect(page.data.cards.map((c: { printed: string }) => c.printed)).toContain(formatCardCode(b.code(b.young.id)));
    expect((await callLoader(cardsLoader, await makeRequest(`/classes/${b.cls}/cards`, { userId: b.staff.id }), p)).status).toBe(403);
    const other = await createSchoolWithTeacher("Trường Khác Thẻ");
    expect((await callLoader(cardsLoader, await makeRequest(`/classes/${b.cls}/cards`, { userId: other.teacher.id }), p)).status).toBe(403);
    const cardsBefore = await db.selectFrom("student_cards").selectAll().orderBy("student_id").execute();
    const denied = await callAction(cardsAction, await makeRequest(`/classes/${b.cls}/cards`, { userId: other.teacher.id, form: { intent: "replace", studentId: b.young.id } }), p);
    expect(denied.status).toBe(403);
    // A student of another class, through this class's page: 404, nothing changes.
    const stranger = await createTestUser({ role: "student" });
    const strangerCode = (await cardCodesFor(db, { studentIds: [stranger.id], actorId: other.teacher.id, now: nowIso() })).get(stranger.id)!;
    const notMine = await callAction(cardsAction, await makeRequest(`/classes/${b.cls}/cards`, { userId: b.school.teacher.id, form: { intent: "replace", studentId: stranger.id } }), p);
    expect(notMine.status).toBe(404);
    expect((await db.selectFrom("student_cards").select("code").where("student_id", "=", stranger.id).executeTakeFirstOrThrow()).code).toBe(strangerCode);
    expect(await db.selectFrom("student_cards").selectAll().where("student_id", "in", [b.older.id, b.young.id, b.noConsent.id]).orderBy("student_id").execute()).toEqual(
      cardsBefore.filter((c) => [b.older.id, b.young.id, b.noConsent.id].includes(c.student_id)),
    );

    // The teacher replaces the young student's lost card: a new code, audited; the old card is unknown from now on.
    const oldCode = b.code(b.young.id);
    const replaced = await callAction(cardsAction, await makeRequest(`/classes/${b.cls}/cards`, { userId: b.school.teacher.id, form: { intent: "replace", studentId: b.young.id } }), p, { clientIp: ip });
    expect(replaced.location).toBe(`/classes/${b.cls}/cards?notice=notice.classes.cardReplaced#card-${b.young.id}`);
    const newCode = (await db.selectFrom("student_cards").select("code").where("student_id", "=", b.young.id).executeTakeFirstOrThrow()).code;
    expect(newCode).not.toBe(oldCode);
    expect(await db.selectFrom("audit_events").select(["actor_id", "subject_id"]).where("action", "=", "card.replaced").execute()).toEqual([
      { actor_id: b.school.teacher.id, subject_id: String(b.young.id) },
    ]);
    const actor = { userId: b.school.teacher.id, ip };
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: oldCode, actor, now: b.visitDay })).toMatchObject({ ok: false, reason: "unknownCard" });
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: newCode, actor, now: b.visitDay })).toMatchObject({ ok: true, value: { studentId: b.young.id } });
    // Replacing another student's card through a direct call with a wrong class: refused.
    expect(await replaceStudentCard(db, { classId: b.cls, studentId: stranger.id, actor, now: nowIso() })).toEqual({ ok: false, reason: "notFound" });
  });

  it("login cards of teacher-created accounts carry the student's check-in QR and code", async () => {
    const school = await createSchoolWithTeacher("Trường Có Thẻ");
    const cls = await createTestClass({ schoolId: school.schoolId, ownerId: school.teacher.id });
    const r = await callAction(bulkAction, await makeRequest(`/classes/${cls}/accounts/bulk`, { userId: school.teacher.id, form: { names: "Lê Văn Một\nTrần Thị Hai", cardLocale: "vi" } }), { classId: String(cls) });
    expect(r.status).toBe(200);
    const cards = r.data.cards.cards as { username: string; checkinCode: string; qr: string }[];
    expect(cards).toHaveLength(2);
    for (const c of cards) {
      expect(c.qr).toMatch(/^data:image\/svg\+xml;base64,/);
      const row = await db
        .selectFrom("student_cards as sc")
        .innerJoin("users as u", "u.id", "sc.student_id")
        .select("sc.code")
        .where("u.username", "=", c.username)
        .executeTakeFirstOrThrow();
      expect(c.checkinCode).toBe(formatCardCode(row.code));
    }
    expect(r.data.cards.labels.checkinCode).toBe("Mã điểm danh");
  });
});

describe("check-in by card", () => {
  it("checks in a cleared student once; a second scan changes nothing; other cards are refused and nothing changes", async () => {
    const b = await clearedBooking();
    const actor = { userId: b.school.teacher.id, ip };
    const before = await bookingRows(b.bookingId);

    // Not yet the visit day.
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: b.code(b.young.id), actor, now: nowIso() })).toMatchObject({ ok: false, reason: "notVisitDay" });
    // A forged code of the right form, that is no card.
    let forged = generateCardCode();
    while ([b.older.id, b.young.id, b.noConsent.id].some((id) => b.code(id) === forged)) forged = generateCardCode();
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: forged, actor, now: b.visitDay })).toMatchObject({ ok: false, reason: "unknownCard" });
    // Listed, but the slip is not signed (pending) / no slip at all (no data consent): not cleared, named.
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: b.code(b.older.id), actor, now: b.visitDay })).toEqual({
      ok: false,
      reason: "notCleared",
      params: { name: "Đỗ Văn Lớn" },
    });
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: b.code(b.noConsent.id), actor, now: b.visitDay })).toMatchObject({ ok: false, reason: "notCleared" });
    // A student of another booking (another school's class, cleared there).
    const other = await clearedBooking("Trường Bên Cạnh");
    expect(await checkInByCard(db, { bookingId: b.bookingId, code: other.code(other.young.id), actor, now: b.visitDay })).toMatchObject({ ok: false, reason: "notOnBooking" });
    expect(await bookingRows(b.bookingId)).toEqual(before);
    expect(await checkInAudits(b.bookingId)).toEqual([]);

    // The cleared student's card.
    const first = await checkInByCard(db, { bookingId: b.bookingId, code: b.code(b.young.id), actor, now: b.visitDay });
    expect(first).toEqual({ ok: true, value: { studentId: b.young.id, fullName: "Vũ Thị Nhỏ", already: false, checkedInAt: b.visitDay } });
    const later = new Date(Date.parse(b.visitDay) + 60_000).toISOString();
    const second = await checkInByCard(db, { bookingId: b.bookingId, code: b.code(b.young.id), actor: { userId: b.staff.id, ip }, now: later });
    expect(second).toEqual({ ok: true, value: { studentId: b.young.id, fullName: "Vũ Thị Nhỏ", already: true, checkedInAt: b.visitDay } });
    const row = (await bookingRows(b.bookingId)).find((r) => r.student_id === b.young.id)!;
    expect(row).toMatchObject({ checked_in_at: b.visitDay, checked_in_by: b.school.teacher.id });
    const audits = await checkInAudits(b.bookingId);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.details)).toEqual({ studentId: b.young.id, present: true, by: "card" });
    // Two scans at the same moment: one check-in, one audit.
    await db.updateTable("tour_booking_students").set({ checked_in_at: null, checked_in_by: null }).where("booking_id", "=", b.bookingId).execute();
    const both = await Promise.all([0, 1].map(() => checkInByCard(db, { bookingId: b.bookingId, code: b.code(b.young.id), actor, now: later })));
    expect(both.filter((r) => r.ok && !r.value.already)).toHaveLength(1);
    expect(both.filter((r) => r.ok && r.value.already)).toHaveLength(1);
    expect(await checkInAudits(b.bookingId)).toHaveLength(2);
  });

  it("the page's action: scan (QR text) and typed codes, refusals with their messages, 400 for what cannot be a code, 404 for another school", async () => {
    const b = await clearedBooking();
    const p = { id: String(b.bookingId) };
    const url = `/bookings/${b.bookingId}/checkin`;
    const { vi: viMessages } = await import("~/i18n/messages/guardians");
    const { en: enMessages } = await import("~/i18n/messages/guardians");
    for (const key of ["checkin.refuse.unknownCard", "checkin.refuse.notOnBooking", "checkin.refuse.notCleared", "checkin.refuse.notVisitDay"] as const) {
      expect(viMessages[key]).toBeTruthy();
      expect(enMessages[key]).toBeTruthy();
    }
    // Not the visit day (the test clock is today, the visit in two weeks).
    const early = await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { intent: "scan", code: cardQrText(b.code(b.young.id)) } }), p);
    expect(early.status).toBe(409);
    expect(early.data.submission.error[""]).toEqual(["checkin.refuse.notVisitDay"]);
    // What cannot be a card code (another QR code): 400 next to the field.
    const junk = await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { intent: "scan", code: "https://example.com/" } }), p);
    expect(junk.status).toBe(400);
    expect(fieldErrorsOf(junk)).toEqual({ code: ["checkin.refuse.unknownCard"] });
    // Another school's teacher: 404, nothing changes.
    const other = await createSchoolWithTeacher("Trường Khác Quét");
    const before = await bookingRows(b.bookingId);
    const denied = await callAction(checkinAction, await makeRequest(url, { userId: other.teacher.id, form: { intent: "scan", code: b.code(b.young.id) } }), p);
    expect(denied.status).toBe(404);
    expect(await bookingRows(b.bookingId)).toEqual(before);

    // On the visit day: move the slot to today (Vietnam date of now), so the route's clock is the visit day.
    const slotId = (await db.selectFrom("tour_bookings").select("slot_id").where("id", "=", b.bookingId).executeTakeFirstOrThrow()).slot_id;
    const now = nowIso();
    await db.updateTable("tour_slots").set({ starts_at: now, ends_at: new Date(Date.parse(now) + 60_000).toISOString() }).where("id", "=", slotId).execute();
    const scanned = await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { intent: "scan", code: cardQrText(b.code(b.young.id)) } }), p, { clientIp: ip });
    expect(scanned.status).toBe(200);
    expect(scanned.data).toEqual({ scanned: { studentId: b.young.id, fullName: "Vũ Thị Nhỏ", already: false } });
    // Typed by hand, lower case in groups: the same student, already checked in.
    const typed = await callAction(checkinAction, await makeRequest(url, { userId: b.staff.id, form: { intent: "scan", code: formatCardCode(b.code(b.young.id)).toLowerCase() } }), p);
    expect(typed.data).toEqual({ scanned: { studentId: b.young.id, fullName: "Vũ Thị Nhỏ", already: true } });
    const notCleared = await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { intent: "scan", code: b.code(b.older.id) } }), p);
    expect(notCleared.status).toBe(409);
    expect(notCleared.data).toMatchObject({ submission: { error: { code: ["checkin.refuse.notCleared"] } }, params: { name: "Đỗ Văn Lớn" } });
    const unknown = await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { intent: "scan", code: generateCardCode() } }), p);
    expect(unknown.status).toBe(404);
    expect(fieldErrorsOf(unknown)).toEqual({ code: ["checkin.refuse.unknownCard"] });
    // The tap still works alongside (undo, then tap in).
    const tap = await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { intent: "tap", studentId: b.young.id, present: "0" } }), p);
    expect(tap.location).toBe(`/bookings/${b.bookingId}/checkin#student-${b.young.id}`);
    expect((await bookingRows(b.bookingId)).find((r) => r.student_id === b.young.id)!.checked_in_at).toBeNull();
    // A form without an intent: 400, not a 500.
    expect((await callAction(checkinAction, await makeRequest(url, { userId: b.school.teacher.id, form: { studentId: b.young.id, present: "1" } }), p)).status).toBe(400);
  });
});
