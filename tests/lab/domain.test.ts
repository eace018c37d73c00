// Lab rules on a fresh database with fixed instants: credentials (all required; revoked vs superseded), weekly
// quotas in Vietnam time, opening hours and closed days, out-of-service cancellation, age limits, no-shows.
import { describe, expect, it } from "vitest";
import { reissueCertificate, revokeCertificate } from "~/certificates/issue.server";
import { bookSlots, cancelMyBooking } from "~/lab/bookings.server";
import { decideRoomRequest, requestRoom } from "~/lab/requests.server";
import { markAttendance } from "~/lab/sheet.server";
import { addClosedDate, addOutage } from "~/lab/staff.server";
import { db } from "~/lib/db.server";
import { createTestUser } from "../helpers/factories";
import { at, createTestResource, createTrainingProgram, grantCertificate, MONDAY, NOW } from "../helpers/lab";

const TUE = "2030-01-08";
const WED = "2030-01-09";

async function student(grade: number | null = 8) {
  return (await createTestUser({ role: "student", grade, birthYear: 2016 })).id;
}

function book(userId: number, resourceId: number, startsAt: string, slots = 1, role: "student" | "teacher" | "coordinator" = "student", now = NOW) {
  return bookSlots(db, { user: { id: userId, role }, resourceId, startsAt, slots, now, locale: "vi" });
}

async function holds(resourceId: number) {
  return db.selectFrom("lab_slot_holds").select(["starts_at", "taken"]).where("resource_id", "=", resourceId).orderBy("starts_at").execute();
}

async function bookingRow(id: number) {
  return db.selectFrom("lab_bookings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("credentials", () => {
  it("needs every required program; one of two is not enough", async () => {
    const safety = await createTrainingProgram("course");
    const induction = await createTrainingProgram("workshop", "Hướng dẫn máy cắt laser");
    const laser = await createTestResource({ programIds: [safety, induction] });
    const s = await student();
    const none = await book(s, laser.id, at(TUE, "09:00"));
    expect(none).toMatchObject({ ok: false, reason: "credentialMissing" });
    expect(String((none as { params?: { programs: string } }).params?.programs)).toContain("An toàn xưởng chế tạo");
    await grantCertificate(s, safety, "course");
    expect(await book(s, laser.id, at(TUE, "09:00"))).toMatchObject({ ok: false, reason: "credentialMissing" });
    expect(await holds(laser.id)).toEqual([]);
    await grantCertificate(s, induction, "workshop");
    expect(await book(s, laser.id, at(TUE, "09:00"))).toMatchObject({ ok: true });
  });

  it("a revoked certificate cancels future bookings at once, with a notification; a new booking is refused", async () => {
    const safety = await createTrainingProgram();
    const laser = await createTestResource({ programIds: [safety] });
    const s = await student();
    const cert = await grantCertificate(s, safety);
    const r = await book(s, laser.id, at(TUE, "10:00"), 2);
    expect(r.ok).toBe(true);
    const bookingId = (r as { value: { bookingId: number } }).value.bookingId;
    const revoked = await revokeCertificate(db, { certificateId: cert.certificate.id, reason: "Vi phạm an toàn", actor: { userId: null, ip: "test" }, now: NOW });
    expect(revoked.ok).toBe(true);
    expect(await bookingRow(bookingId)).toMatchObject({ status: "cancelled", cancel_reason: "credential" });
    expect((await holds(laser.id)).every((h) => h.taken === 0)).toBe(true);
    const n = await db.selectFrom("notifications").select("message_key").where("user_id", "=", s).execute();
    expect(n.map((x) => x.message_key)).toContain("lab.notify.cancelledCredential");
    expect(await book(s, laser.id, at(WED, "10:00"))).toMatchObject({ ok: false, reason: "credentialMissing" });
  });

  it("a superseded certificate (reissued after a name fix) keeps the right", async () => {
    const safety = await createTrainingProgram();
    const laser = await createTestResource({ programIds: [safety] });
    const s = await student();
    const staff = await createTestUser({ role: "staff" });
    const cert = await grantCertificate(s, safety);
    const r = await book(s, laser.id, at(TUE, "10:00"));
    expect(r.ok).toBe(true);
    const re = await reissueCertificate(db, { certificateId: cert.certificate.id, recipientName: "Tên Đã Sửa", issuedBy: staff.id, now: NOW });
    expect(re.ok).toBe(true);
    expect(await bookingRow((r as { value: { bookingId: number } }).value.bookingId)).toMatchObject({ status: "booked" });
    expect(await book(s, laser.id, at(WED, "10:00"))).toMatchObject({ ok: true });
  });
});

describe("weekly quota in Vietnam time", () => {
  it("counts minutes per Monday-to-Sunday week of Vietnam, not of UTC", async () => {
    const r = await createTestResource({ maxHoursPerWeek: 1, openingHours: "1-7 00:00-24:00" });
    const s = await student();
    // Sunday 23:00 and Monday 00:00 in Vietnam are both Sunday in UTC, but two different weeks here.
    expect(await book(s, r.id, at("2030-01-13", "23:00"))).toMatchObject({ ok: true });
    expect(await book(s, r.id, at("2030-01-14", "00:00"))).toMatchObject({ ok: true });
    expect(await book(s, r.id, at("2030-01-13", "22:00"))).toMatchObject({ ok: false, reason: "quotaUsed", params: { count: 1 } });
    const usage = await db.selectFrom("lab_quota_usage").select(["week_start", "minutes"]).where("resource_id", "=", r.id).orderBy("week_start").execute();
    expect(usage).toEqual([
      { week_start: MONDAY, minutes: 60 },
      { week_start: "2030-01-14", minutes: 60 },
    ]);
  });

  it("a refused booking over the quota takes nothing (seats stay free), and cancelling gives the hours back", async () => {
    const r = await createTestResource({ maxHoursPerWeek: 2 });
    const s = await student();
    const first = await book(s, r.id, at(TUE, "09:00"), 2);
    expect(first.ok).toBe(true);
    expect(await book(s, r.id, at(WED, "09:00"))).toMatchObject({ ok: false, reason: "quotaUsed" });
    expect((await holds(r.id)).filter((h) => h.taken > 0)).toHaveLength(2);
    expect((await holds(r.id)).find((h) => h.starts_at === at(WED, "09:00"))?.taken ?? 0).toBe(0);
    const id = (first as { value: { bookingId: number } }).value.bookingId;
    expect(await cancelMyBooking(db, { bookingId: id, userId: s, now: NOW })).toMatchObject({ ok: true });
    expect(await book(s, r.id, at(WED, "09:00"))).toMatchObject({ ok: true });
  });

  it("a no-show counts against next week's quota when the resource says so", async () => {
    const r = await createTestResource({ maxHoursPerWeek: 2 });
    const s = await student();
    const b = await book(s, r.id, at(TUE, "09:00"), 2);
    const id = (b as { value: { bookingId: number } }).value.bookingId;
    expect(await markAttendance(db, { bookingId: id, status: "no_show", now: at(TUE, "10:30") })).toMatchObject({ ok: true });
    expect(await book(s, r.id, at("2030-01-15", "09:00"), 1, "student", at(TUE, "11:00"))).toMatchObject({ ok: false, reason: "quotaUsed" });
    const lenient = await createTestResource({ maxHoursPerWeek: 2, noShowPenalty: false });
    const b2 = await book(s, lenient.id, at(TUE, "09:00"), 2);
    await markAttendance(db, { bookingId: (b2 as { value: { bookingId: number } }).value.bookingId, status: "no_show", now: at(TUE, "10:30") });
    expect(await book(s, lenient.id, at("2030-01-15", "09:00"), 1, "student", at(TUE, "11:00"))).toMatchObject({ ok: true });
  });
});

describe("opening hours, closed days, limits", () => {
  it("refuses the past, outside the hours, off a slot boundary, past closing, on a closed day, too many slots", async () => {
    const r = await createTestResource({ maxSlotsPerBooking: 2 });
    const s = await student();
    expect(await book(s, r.id, at(TUE, "09:00"), 1, "student", at(TUE, "09:30"))).toMatchObject({ reason: "past" });
    expect(await book(s, r.id, at(TUE, "07:00"))).toMatchObject({ reason: "outsideHours" });
    expect(await book(s, r.id, at(TUE, "09:30"))).toMatchObject({ reason: "outsideHours" });
    expect(await book(s, r.id, at(TUE, "16:00"), 2)).toMatchObject({ reason: "outsideHours" });
    expect(await book(s, r.id, at("2030-01-13", "09:00"))).toMatchObject({ reason: "outsideHours" }); // Sunday: not open
    expect(await book(s, r.id, at(TUE, "09:00"), 3)).toMatchObject({ reason: "tooManySlots", params: { count: 2 } });
    expect(await addClosedDate(db, { resourceId: r.id, date: WED, reason: "Tết", fromIso: at(WED, "00:00"), toIso: at("2030-01-10", "00:00"), now: NOW })).toMatchObject({ ok: true });
    expect(await book(s, r.id, at(WED, "09:00"))).toMatchObject({ reason: "closedDay" });
    expect(await db.selectFrom("lab_bookings").select("id").where("resource_id", "=", r.id).execute()).toEqual([]);
    expect(await book(s, r.id, at(TUE, "16:00"))).toMatchObject({ ok: true });
  });

  it("a whole-lab closed day closes every resource", async () => {
    // A date no other test books: the whole lab is closed for every resource of this file.
    const r = await createTestResource();
    await db.insertInto("lab_closed_dates").values({ resource_id: null, date: "2030-03-05", reason: "Nghỉ lễ", created_at: NOW }).execute();
    expect(await book(await student(), r.id, at("2030-03-05", "09:00"))).toMatchObject({ reason: "closedDay" });
  });

  it("grade limits apply to students; teachers may book; coordinators only rooms", async () => {
    const r = await createTestResource({ minGrade: 8 });
    expect(await book(await student(7), r.id, at(TUE, "09:00"))).toMatchObject({ reason: "tooYoung" });
    expect(await book(await student(null), r.id, at(TUE, "09:00"))).toMatchObject({ reason: "tooYoung" });
    expect(await book(await student(8), r.id, at(TUE, "09:00"))).toMatchObject({ ok: true });
    const teacher = (await createTestUser({ role: "teacher" })).id;
    expect(await book(teacher, r.id, at(TUE, "10:00"), 1, "teacher")).toMatchObject({ ok: true });
    const coordinator = (await createTestUser({ role: "coordinator" })).id;
    expect(await book(coordinator, r.id, at(TUE, "11:00"), 1, "coordinator")).toMatchObject({ reason: "notAllowed" });
    const room = await createTestResource({ kind: "room", capacity: 2 });
    expect(await book(coordinator, room.id, at(TUE, "11:00"), 1, "coordinator")).toMatchObject({ ok: true });
  });

  it("a room has N seats: N people fit, the next is refused, and one person cannot take two seats", async () => {
    const room = await createTestResource({ kind: "room", capacity: 3 });
    const people = [await student(), await student(), await student(), await student()];
    for (const p of people.slice(0, 3)) expect(await book(p, room.id, at(TUE, "09:00"))).toMatchObject({ ok: true });
    expect(await book(people[3], room.id, at(TUE, "09:00"))).toMatchObject({ reason: "slotTaken" });
    expect(await book(people[0], room.id, at(TUE, "10:00"))).toMatchObject({ ok: true });
    expect(await book(people[3], room.id, at(TUE, "10:00"))).toMatchObject({ ok: true });
    expect(await book(people[0], room.id, at(TUE, "10:00"))).toMatchObject({ reason: "overlap" });
    expect((await holds(room.id)).map((h) => h.taken)).toEqual([3, 2]);
  });
});

describe("out of service", () => {
  it("cancels the bookings in the period with a notification, frees the seats and refuses new ones", async () => {
    const r = await createTestResource();
    const staff = (await createTestUser({ role: "staff" })).id;
    const a = await student();
    const b = await student();
    const inside = await book(a, r.id, at(TUE, "09:00"), 2);
    const outside = await book(b, r.id, at(TUE, "14:00"));
    const out = await addOutage(db, { resourceId: r.id, startsAt: at(TUE, "08:00"), endsAt: at(TUE, "12:00"), reason: "Thay ống laser", staffId: staff, now: NOW });
    expect(out.cancelled).toBe(1);
    const idIn = (inside as { value: { bookingId: number } }).value.bookingId;
    const idOut = (outside as { value: { bookingId: number } }).value.bookingId;
    expect(await bookingRow(idIn)).toMatchObject({ status: "cancelled", cancel_reason: "outage" });
    expect(await bookingRow(idOut)).toMatchObject({ status: "booked" });
    const notes = await db.selectFrom("notifications").select(["user_id", "message_key", "params"]).where("message_key", "=", "lab.notify.cancelledOutage").where("user_id", "in", [a, b]).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0].user_id).toBe(a);
    expect(JSON.parse(notes[0].params).reason).toBe("Thay ống laser");
    expect(await book(b, r.id, at(TUE, "10:00"))).toMatchObject({ reason: "outOfService", params: { reason: "Thay ống laser" } });
    expect(await book(b, r.id, at(TUE, "15:00"))).toMatchObject({ ok: true });
  });
});

describe("own bookings", () => {
  it("only the owner cancels, only before it starts", async () => {
    const r = await createTestResource();
    const a = await student();
    const b = await student();
    const made = await book(a, r.id, at(TUE, "09:00"));
    const id = (made as { value: { bookingId: number } }).value.bookingId;
    expect(await cancelMyBooking(db, { bookingId: id, userId: b, now: NOW })).toMatchObject({ reason: "notFound" });
    expect(await cancelMyBooking(db, { bookingId: id, userId: a, now: at(TUE, "09:05") })).toMatchObject({ reason: "started" });
    expect(await bookingRow(id)).toMatchObject({ status: "booked" });
    expect(await cancelMyBooking(db, { bookingId: id, userId: a, now: NOW })).toMatchObject({ ok: true });
    expect(await cancelMyBooking(db, { bookingId: id, userId: a, now: NOW })).toMatchObject({ reason: "notActive" });
  });
});

describe("rooms for events", () => {
  it("an approved request holds every seat; approving over an existing booking is refused and changes nothing", async () => {
    const room = await createTestResource({ kind: "room", capacity: 20 });
    const coordinator = await createTestUser({ role: "coordinator" });
    const staff = (await createTestUser({ role: "staff" })).id;
    const form = { organisation: "CLB Robot", date: TUE, from: "13:00", to: "15:00", purpose: "Giao lưu", attendance: 15 };
    const q = await requestRoom(db, { user: { id: coordinator.id, role: "coordinator" }, resourceId: room.id, form, now: NOW });
    expect(q.ok).toBe(true);
    const requestId = (q as { value: { requestId: number } }).value.requestId;
    expect(await requestRoom(db, { user: { id: coordinator.id, role: "coordinator" }, resourceId: room.id, form: { ...form, attendance: 21 }, now: NOW })).toMatchObject({ reason: "overCapacity" });
    expect(await decideRoomRequest(db, { requestId, approve: true, message: "", staffId: staff, now: NOW })).toMatchObject({ ok: true });
    expect(await book(await student(), room.id, at(TUE, "14:00"))).toMatchObject({ reason: "slotTaken" });

    const q2 = await requestRoom(db, { user: { id: coordinator.id, role: "coordinator" }, resourceId: room.id, form: { ...form, from: "09:00", to: "10:00" }, now: NOW });
    await book(await student(), room.id, at(TUE, "09:00"));
    const id2 = (q2 as { value: { requestId: number } }).value.requestId;
    expect(await decideRoomRequest(db, { requestId: id2, approve: true, message: "", staffId: staff, now: NOW })).toMatchObject({ reason: "slotTaken" });
    const row = await db.selectFrom("lab_room_requests").select("status").where("id", "=", id2).executeTakeFirstOrThrow();
    expect(row.status).toBe("requested");
  });
});
