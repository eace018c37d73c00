// The lab's loaders and actions with real Requests: bad input and permissions answer 4xx with nothing changed.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as cancelAction, loader as myBookingsLoader } from "~/routes/lab.bookings._index";
import { loader as icsLoader } from "~/routes/lab.bookings.$id[.ics]";
import { loader as labLoader } from "~/routes/lab._index";
import { action as resourceAction, loader as resourceLoader } from "~/routes/lab.$slug";
import { loader as photoLoader } from "~/routes/lab.photos.$file";
import { action as requestsAction } from "~/routes/staff.lab.requests";
import { action as editAction, loader as editLoader } from "~/routes/staff.lab.resources.$id";
import { action as newAction } from "~/routes/staff.lab.resources.new";
import { action as sheetAction, loader as sheetLoader } from "~/routes/staff.lab.sheet";
import { requestRoom } from "~/lab/requests.server";
import { addSchoolMember, createTestSchool, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { at, createTestResource, createTrainingProgram, grantCertificate, nextTuesday } from "../helpers/lab";

async function trainedStudent(programIds: number[]) {
  const s = await createTestUser({ role: "student", grade: 9 });
  for (const p of programIds) await grantCertificate(s.id, p);
  return s.id;
}

async function book(userId: number, slug: string, form: Record<string, string | number>) {
  return callAction(resourceAction, await makeRequest(`/lab/${slug}`, { userId, form: { intent: "book", ...form } }), { slug });
}

const countBookings = async (resourceId: number) =>
  (await db.selectFrom("lab_bookings").select("id").where("resource_id", "=", resourceId).where("status", "!=", "cancelled").execute()).length;

const formErrorsOf = (r: { data: unknown }) => (r.data as { submission?: { error?: Record<string, string[]> } }).submission?.error?.[""] ?? [];

describe("booking through the resource page", () => {
  it("books from a slot button and from the date/time form; the booking shows in My bookings with its .ics", async () => {
    const safety = await createTrainingProgram();
    const r = await createTestResource({ programIds: [safety], openingHours: "1-7 08:00-17:00" });
    const s = await trainedStudent([safety]);
    const day = nextTuesday();
    const first = await book(s, r.slug, { startsAt: at(day, "09:00") });
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^\/lab\/bookings\?notice=notice\.lab\.booked/);
    expect((await book(s, r.slug, { date: day, time: "14:00", slots: 2 })).status).toBe(302);
    const mine = await callLoader(myBookingsLoader, await makeRequest("/lab/bookings", { userId: s }));
    expect(mine.data.items).toHaveLength(2);
    const id = String(mine.data.items[0].id);
    const ics = await callLoader(icsLoader, await makeRequest(`/lab/bookings/${id}.ics`, { userId: s }), { id });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("Content-Type")).toContain("text/calendar");
    expect(String(ics.data)).toContain("BEGIN:VEVENT");
  });

  it("bad input answers 4xx with its message and books nothing", async () => {
    const safety = await createTrainingProgram();
    const r = await createTestResource({ programIds: [safety], maxSlotsPerBooking: 2, openingHours: "1-6 08:00-17:00" });
    const s = await trainedStudent([safety]);
    const day = nextTuesday();
    const past = await book(s, r.slug, { startsAt: "2020-01-07T02:00:00.000Z" });
    expect([past.status, formErrorsOf(past)]).toEqual([400, ["lab.errors.past"]]);
    const early = await book(s, r.slug, { date: day, time: "06:00" });
    expect([early.status, formErrorsOf(early)]).toEqual([400, ["lab.errors.outsideHours"]]);
    const many = await book(s, r.slug, { date: day, time: "09:00", slots: 3 });
    expect(many.status).toBe(400);
    expect(fieldErrorsOf(many).slots).toEqual(["lab.errors.tooManySlots"]);
    const garbage = await book(s, r.slug, { startsAt: "tomorrow" });
    expect(garbage.status).toBe(400);
    await db.insertInto("lab_closed_dates").values({ resource_id: r.id, date: day, reason: "Kiểm kê", created_at: new Date().toISOString() }).execute();
    const closed = await book(s, r.slug, { date: day, time: "09:00" });
    expect([closed.status, formErrorsOf(closed)]).toEqual([409, ["lab.errors.closedDay"]]);
    expect(await countBookings(r.id)).toBe(0);
  });

  it("a student without the induction is refused with the reason, and the page links the course", async () => {
    const safety = await createTrainingProgram("course", "An toàn xưởng chế tạo");
    const induction = await createTrainingProgram("workshop", "Hướng dẫn máy cắt laser");
    const r = await createTestResource({ programIds: [safety, induction] });
    const s = await trainedStudent([safety]);
    const refused = await book(s, r.slug, { date: nextTuesday(), time: "09:00" });
    expect(refused.status).toBe(403);
    expect(formErrorsOf(refused)).toEqual(["lab.errors.credentialMissing"]);
    expect(String(refused.data.params.programs)).toContain("Hướng dẫn máy cắt laser");
    expect(await countBookings(r.id)).toBe(0);
    const page = await callLoader(resourceLoader, await makeRequest(`/lab/${r.slug}`, { userId: s }), { slug: r.slug });
    expect(page.data.eligibility).toBe("credentialMissing");
    const missing = page.data.trainings.filter((p: { held: boolean }) => !p.held);
    expect(missing).toHaveLength(1);
    expect(missing[0].path).toMatch(/^\/workshops\//);
  });
});

describe("permissions", () => {
  it("anonymous visitors see the equipment list and the week, but booking sends them to log in", async () => {
    const r = await createTestResource();
    const list = await callLoader(labLoader, await makeRequest("/lab"));
    expect(list.data.equipment.some((e: { slug: string }) => e.slug === r.slug)).toBe(true);
    const page = await callLoader(resourceLoader, await makeRequest(`/lab/${r.slug}`), { slug: r.slug });
    expect(page.data.eligibility).toBe("anonymous");
    const post = await callAction(resourceAction, await makeRequest(`/lab/${r.slug}`, { form: { intent: "book", date: nextTuesday(), time: "09:00" } }), { slug: r.slug });
    expect(post.status).toBe(302);
    expect(post.location).toMatch(/^\/login/);
    expect(await countBookings(r.id)).toBe(0);
  });

  it("another student's booking can be neither cancelled nor downloaded", async () => {
    const r = await createTestResource();
    const owner = (await createTestUser({ role: "student", grade: 9 })).id;
    const other = (await createTestUser({ role: "student", grade: 9 })).id;
    expect((await book(owner, r.slug, { date: nextTuesday(), time: "10:00" })).status).toBe(302);
    const b = await db.selectFrom("lab_bookings").select("id").where("resource_id", "=", r.id).executeTakeFirstOrThrow();
    const cancel = await callAction(cancelAction, await makeRequest("/lab/bookings", { userId: other, form: { intent: "cancel", bookingId: b.id } }));
    expect(cancel.status).toBe(404);
    const ics = await callLoader(icsLoader, await makeRequest(`/lab/bookings/${b.id}.ics`, { userId: other }), { id: String(b.id) });
    expect(ics.status).toBe(404);
    const row = await db.selectFrom("lab_bookings").select("status").where("id", "=", b.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("booked");
    const mine = await callLoader(myBookingsLoader, await makeRequest("/lab/bookings", { userId: other }));
    expect(mine.data.items).toEqual([]);
  });

  it("students, teachers and coordinators cannot use the staff pages; a coordinator of another school cannot decide a request", async () => {
    const r = await createTestResource({ kind: "room", capacity: 30 });
    const schoolA = await createTestSchool("Trường A");
    const schoolB = await createTestSchool("Trường B");
    const coordA = await createTestUser({ role: "coordinator" });
    const coordB = await createTestUser({ role: "coordinator" });
    await addSchoolMember(schoolA, coordA.id, "coordinator");
    await addSchoolMember(schoolB, coordB.id, "coordinator");
    const q = await requestRoom(db, {
      user: { id: coordA.id, role: "coordinator" },
      resourceId: r.id,
      form: { organisation: "Trường A", date: nextTuesday(), from: "13:00", to: "15:00", purpose: "Ngày hội STEM", attendance: 25 },
      now: new Date().toISOString(),
    });
    expect(q.ok).toBe(true);
    const requestId = (q as { value: { requestId: number } }).value.requestId;
    const decide = await callAction(requestsAction, await makeRequest("/staff/lab/requests", { userId: coordB.id, form: { intent: "approve", requestId, message: "" } }));
    expect(decide.status).toBe(403);
    expect((await db.selectFrom("lab_room_requests").select("status").where("id", "=", requestId).executeTakeFirstOrThrow()).status).toBe("requested");
    const coordBList = await callLoader(myBookingsLoader, await makeRequest("/lab/bookings", { userId: coordB.id }));
    expect(coordBList.data.requests).toEqual([]);
    const student = (await createTestUser({ role: "student" })).id;
    const teacher = (await createTestUser({ role: "teacher" })).id;
    for (const userId of [student, teacher, coordA.id]) {
      expect((await callLoader(sheetLoader, await makeRequest("/staff/lab/sheet", { userId }))).status).toBe(403);
      expect((await callLoader(editLoader, await makeRequest(`/staff/lab/resources/${r.id}`, { userId }), { id: String(r.id) })).status).toBe(403);
      const edit = await callAction(editAction, await makeRequest(`/staff/lab/resources/${r.id}`, { userId, form: { intent: "addOutage", fromDate: nextTuesday(), fromTime: "08:00", toDate: nextTuesday(), toTime: "12:00", reason: "x" } }), { id: String(r.id) });
      expect(edit.status).toBe(403);
    }
    expect(await db.selectFrom("lab_outages").select("id").where("resource_id", "=", r.id).execute()).toEqual([]);
    const staff = (await createTestUser({ role: "staff" })).id;
    const approved = await callAction(requestsAction, await makeRequest("/staff/lab/requests", { userId: staff, form: { intent: "approve", requestId, message: "Hẹn gặp" } }));
    expect(approved.status).toBe(302);
  });
});

describe("room requests of a school", () => {
  it("a coordinator of the same school sees and withdraws an approved request (the room is freed); one of another school cannot", async () => {
    const room = await createTestResource({ kind: "room", capacity: 10, openingHours: "1-7 08:00-20:00" });
    const school = await createTestSchool("Trường C");
    const other = await createTestSchool("Trường D");
    const teacher = await createTestUser({ role: "teacher" });
    const coord = await createTestUser({ role: "coordinator" });
    const stranger = await createTestUser({ role: "coordinator" });
    await addSchoolMember(school, teacher.id, "teacher");
    await addSchoolMember(school, coord.id, "coordinator");
    await addSchoolMember(other, stranger.id, "coordinator");
    const day = nextTuesday();
    const q = await requestRoom(db, {
      user: { id: teacher.id, role: "teacher" },
      resourceId: room.id,
      form: { organisation: "Lớp 8A", date: day, from: "09:00", to: "11:00", purpose: "Thuyết trình dự án", attendance: 10 },
      now: new Date().toISOString(),
    });
    const requestId = (q as { value: { requestId: number } }).value.requestId;
    const staff = (await createTestUser({ role: "staff" })).id;
    expect((await callAction(requestsAction, await makeRequest("/staff/lab/requests", { userId: staff, form: { intent: "approve", requestId, message: "" } }))).status).toBe(302);
    const held = () => db.selectFrom("lab_slot_holds").select("taken").where("resource_id", "=", room.id).orderBy("starts_at").execute();
    expect((await held()).map((h) => h.taken)).toEqual([10, 10]);

    const strangerList = await callLoader(myBookingsLoader, await makeRequest("/lab/bookings", { userId: stranger.id }));
    expect(strangerList.data.requests).toEqual([]);
    const denied = await callAction(cancelAction, await makeRequest("/lab/bookings", { userId: stranger.id, form: { intent: "cancelRequest", requestId } }));
    expect(denied.status).toBe(404);
    expect((await db.selectFrom("lab_room_requests").select("status").where("id", "=", requestId).executeTakeFirstOrThrow()).status).toBe("approved");
    expect((await held()).map((h) => h.taken)).toEqual([10, 10]);

    const coordList = await callLoader(myBookingsLoader, await makeRequest("/lab/bookings", { userId: coord.id }));
    expect(coordList.data.requests.map((r: { id: number }) => r.id)).toEqual([requestId]);
    const withdrawn = await callAction(cancelAction, await makeRequest("/lab/bookings", { userId: coord.id, form: { intent: "cancelRequest", requestId } }));
    expect(withdrawn.status).toBe(302);
    expect((await held()).map((h) => h.taken)).toEqual([0, 0]);
    expect((await book(teacher.id, room.slug, { date: day, time: "09:00" })).status).toBe(302);
  });
});

describe("staff", () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  function resourceForm(slug: string, photo?: Blob) {
    const fd = new FormData();
    const fields: Record<string, string> = {
      intent: "save", slug, kind: "machine", nameVi: "Máy in 3D thử", nameEn: "Test 3D printer", location: "Phòng 101",
      capacity: "1", slotMinutes: "60", maxSlotsPerBooking: "2", maxHoursPerWeek: "3", openingHours: "1-5 08:00-17:00",
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    if (photo) fd.append("photo", photo, "photo.png");
    return fd;
  }

  it("creates a resource with a photo checked by its bytes; a file that is not an image is refused and nothing is saved", async () => {
    const staff = (await createTestUser({ role: "staff" })).id;
    const slug = `may-in-${Date.now().toString(36)}`;
    const bad = await callAction(newAction, await makeRequest("/staff/lab/resources/new", { userId: staff, form: resourceForm(slug, new Blob(["<svg onload=alert(1)>"], { type: "image/png" })) }));
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad).photo).toEqual(["lab.errors.photoType"]);
    expect(await db.selectFrom("lab_resources").select("id").where("slug", "=", slug).executeTakeFirst()).toBeUndefined();
    const good = await callAction(newAction, await makeRequest("/staff/lab/resources/new", { userId: staff, form: resourceForm(slug, new Blob([PNG], { type: "image/png" })) }));
    expect(good.status).toBe(302);
    const row = await db.selectFrom("lab_resources").select(["id", "photo_path"]).where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(row.photo_path).toMatch(/^[a-f0-9]{32}\.png$/);
    const served = await callLoader(photoLoader, await makeRequest(`/lab/photos/${row.photo_path}`), { file: row.photo_path as string });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect((await callLoader(photoLoader, await makeRequest("/lab/photos/..%2Fstem-hub.db"), { file: "../stem-hub.db" })).status).toBe(404);
  });

  it("an outage cancels the bookings it hits; the day sheet checks people in and keeps a note", async () => {
    const r = await createTestResource({ openingHours: "1-7 00:00-24:00" });
    const staff = (await createTestUser({ role: "staff" })).id;
    const s = (await createTestUser({ role: "student", grade: 9 })).id;
    const day = nextTuesday();
    expect((await book(s, r.slug, { date: day, time: "09:00" })).status).toBe(302);
    const out = await callAction(
      editAction,
      await makeRequest(`/staff/lab/resources/${r.id}`, { userId: staff, form: { intent: "addOutage", fromDate: day, fromTime: "08:00", toDate: day, toTime: "10:00", reason: "Thay dao cắt" } }),
      { id: String(r.id) },
    );
    expect(out.status).toBe(200);
    expect(out.data.outageCancelled).toBe(1);
    const audit = await db.selectFrom("audit_events").select(["actor_id", "details"]).where("action", "=", "lab.bookingOverride").where("subject_id", "=", String(r.id)).execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.details).cancelled])).toEqual([[staff, 1]]);
    // A booking starting within the hour can be checked in from the sheet.
    const soon = new Date(Date.now() + 60 * 60_000); // its hour starts within the next 60 minutes
    const local = new Date(soon.getTime() + 7 * 3_600_000).toISOString();
    const b = await book(s, r.slug, { date: local.slice(0, 10), time: `${local.slice(11, 13)}:00` });
    expect(b.status).toBe(302);
    const booking = await db.selectFrom("lab_bookings").select(["id"]).where("resource_id", "=", r.id).where("status", "=", "booked").executeTakeFirstOrThrow();
    const sheet = await callLoader(sheetLoader, await makeRequest(`/staff/lab/sheet?date=${local.slice(0, 10)}`, { userId: staff }));
    expect(sheet.data.resources.find((x: { id: number }) => x.id === r.id).bookings.map((x: { id: number }) => x.id)).toContain(booking.id);
    const checked = await callAction(sheetAction, await makeRequest("/staff/lab/sheet", { userId: staff, form: { intent: "checkIn", bookingId: booking.id } }));
    expect(checked.status).toBe(302);
    const again = await callAction(sheetAction, await makeRequest("/staff/lab/sheet", { userId: staff, form: { intent: "noShow", bookingId: booking.id } }));
    expect(again.status).toBe(409);
    await callAction(sheetAction, await makeRequest("/staff/lab/sheet", { userId: staff, form: { intent: "note", bookingId: booking.id, note: "200 g PLA" } }));
    const row = await db.selectFrom("lab_bookings").select(["status", "note"]).where("id", "=", booking.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "checked_in", note: "200 g PLA" });
  });
});
