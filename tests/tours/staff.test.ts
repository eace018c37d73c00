// Staff: tour programs, single and recurring slots, the day sheet and the CSV export.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { isoToVnLocal } from "~/lib/time";
import { loader as dayLoader } from "~/routes/staff.bookings.day";
import { loader as exportLoader } from "~/routes/staff.bookings.export[.csv]";
import { action as tourEditAction, loader as tourEditLoader } from "~/routes/staff.tours.$id";
import { action as newTourAction } from "~/routes/staff.tours.new";
import { action as tourAction } from "~/routes/tours.$slug";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour, tourTables } from "../helpers/tours";

const tourForm = (extra: Record<string, string | number> = {}) => ({
  intent: "save",
  slug: "tham-quan-xuong-co-khi",
  titleVi: "Tham quan xưởng cơ khí",
  titleEn: "Workshop tour",
  gradeMin: 6,
  gradeMax: 12,
  feeVnd: 20000,
  durationMinutes: 90,
  groupMin: 10,
  groupMax: 40,
  cancelDaysBefore: 3,
  participationCertificates: "on",
  status: "published",
  ratioRules: "6-9: 15\n10-12: 20",
  ...extra,
});

function nextDate(daysAhead: number) {
  return isoToVnLocal(new Date(Date.now() + daysAhead * 86_400_000).toISOString()).date;
}

describe("staff manage tours and slots", () => {
  it("changes a slot's capacity, never below the seats held; other tours' slots are 404, non-staff 403", async () => {
    const staff = await createTestUser({ role: "staff" });
    const tour = await createTestTour();
    const other = await createTestTour();
    const slot = await createTestSlot(tour.id, { capacity: 90, held: 40 });
    const foreign = await createTestSlot(other.id, { capacity: 90 });
    const act = async (userId: number, form: Record<string, string | number>) =>
      callAction(tourEditAction, await makeRequest(`/staff/tours/${tour.id}`, { userId, form: { intent: "slotCapacity", ...form } }), { id: String(tour.id) });
    const capacityOf = async (id: number) =>
      (await db.selectFrom("tour_slots").select("capacity_students").where("id", "=", id).executeTakeFirstOrThrow()).capacity_students;

    const tables = await tourTables(db);
    const tooLow = await act(staff.id, { slotId: slot.id, capacity: 39 });
    expect(tooLow.status).toBe(400);
    expect(fieldErrorsOf(tooLow).capacity).toEqual(["tours.errors.capacityBelowHeld"]);
    expect(tooLow.data.params).toEqual({ held: 40 });
    expect(await capacityOf(slot.id)).toBe(90);
    expect((await act(staff.id, { slotId: slot.id, capacity: "abc" })).status).toBe(400);
    expect((await act(staff.id, { slotId: foreign.id, capacity: 50 })).status).toBe(404);
    expect(await capacityOf(foreign.id)).toBe(90);
    expect(await tourTables(db)).toEqual(tables);
    const student = await createTestUser({ role: "student" });
    expect((await act(student.id, { slotId: slot.id, capacity: 50 })).status).toBe(403);

    const ok = await act(staff.id, { slotId: slot.id, capacity: 40 });
    expect(ok.status).toBe(302);
    expect(await capacityOf(slot.id)).toBe(40);
  });

  it("cancels an empty slot; a slot holding seats or another tour's slot is refused (409) and nothing changes", async () => {
    const staff = await createTestUser({ role: "staff" });
    const tour = await createTestTour();
    const other = await createTestTour();
    const busy = await createTestSlot(tour.id, { held: 20 });
    const empty = await createTestSlot(tour.id);
    const foreign = await createTestSlot(other.id);
    const cancel = async (slotId: number) =>
      callAction(tourEditAction, await makeRequest(`/staff/tours/${tour.id}`, { userId: staff.id, form: { intent: "cancelSlot", slotId } }), { id: String(tour.id) });
    const tables = await tourTables(db);
    for (const slotId of [busy.id, foreign.id]) {
      const r = await cancel(slotId);
      expect(r.status).toBe(409);
      expect(fieldErrorsOf(r)[""]).toEqual(["tours.errors.slotBusy"]);
    }
    expect(await tourTables(db)).toEqual(tables);
    const r = await cancel(empty.id);
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/staff/tours/${tour.id}?notice=notice.tours.slotCancelled`);
    expect((await db.selectFrom("tour_slots").select("status").where("id", "=", empty.id).executeTakeFirstOrThrow()).status).toBe("cancelled");
  });

  it("creates a tour (a catalogue program of kind tour with settings and ratio rules); bad rules and taken slugs are field errors", async () => {
    const staff = await createTestUser({ role: "staff" });
    const bad = await callAction(newTourAction, await makeRequest("/staff/tours/new", { userId: staff.id, form: tourForm({ ratioRules: "sáu: 15" }) }));
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad).ratioRules).toEqual(["tours.errors.ratioRules"]);
    const badGroup = await callAction(newTourAction, await makeRequest("/staff/tours/new", { userId: staff.id, form: tourForm({ groupMin: 50 }) }));
    expect(fieldErrorsOf(badGroup).groupMax).toEqual(["tours.errors.groupRange"]);
    const ok = await callAction(newTourAction, await makeRequest("/staff/tours/new", { userId: staff.id, form: tourForm() }));
    expect(ok.status).toBe(302);
    const program = await db.selectFrom("programs").innerJoin("tours", "tours.program_id", "programs.id").selectAll().where("slug", "=", "tham-quan-xuong-co-khi").executeTakeFirstOrThrow();
    expect(program).toMatchObject({ kind: "tour", fee_vnd: 20000, group_min: 10, group_max: 40, participation_certificates: 1, status: "published" });
    expect(program.search_text).toContain("tham quan xuong co khi");
    const rules = await db.selectFrom("tour_ratio_rules").select(["grade_min", "grade_max", "students_per_adult"]).where("program_id", "=", program.id).orderBy("grade_min").execute();
    expect(rules).toEqual([
      { grade_min: 6, grade_max: 9, students_per_adult: 15 },
      { grade_min: 10, grade_max: 12, students_per_adult: 20 },
    ]);
    const dup = await callAction(newTourAction, await makeRequest("/staff/tours/new", { userId: staff.id, form: tourForm() }));
    expect(fieldErrorsOf(dup).slug).toEqual(["tours.errors.slugTaken"]);
  });

  it("adds one slot (past dates and duplicates refused) and a recurring pattern with preview, blackout dates and idempotent generation", async () => {
    const staff = await createTestUser({ role: "staff" });
    const tour = await createTestTour({ durationMinutes: 90 });
    const act = async (form: Record<string, string | number | string[]>) =>
      callAction(tourEditAction, await makeRequest(`/staff/tours/${tour.id}`, { userId: staff.id, form }), { id: String(tour.id) });
    const past = await act({ intent: "slot", date: nextDate(-1), time: "08:00", capacity: 50 });
    expect(fieldErrorsOf(past).date).toEqual(["tours.errors.datePast"]);
    const date = nextDate(3);
    expect((await act({ intent: "slot", date, time: "08:00", capacity: 50 })).status).toBe(302);
    const dupe = await act({ intent: "slot", date, time: "08:00", capacity: 50 });
    expect(fieldErrorsOf(dupe).time).toEqual(["tours.errors.slotExists"]);
    expect(fieldErrorsOf(await act({ intent: "slot", date: "2030-02-30x", time: "25:00", capacity: 0 }))).toMatchObject({ date: ["validation.date"], time: ["validation.time"] });

    // Recurring: a Monday two weeks ahead, Tue+Thu at 08:00 and 13:30 for 2 weeks, one blackout day.
    const start = new Date(Date.now() + 14 * 86_400_000);
    while (start.getUTCDay() !== 1) start.setUTCDate(start.getUTCDate() + 1);
    const monday = start.toISOString().slice(0, 10);
    // The day after that Monday, by date arithmetic alone (the clock's time of day must not move it).
    const tuesday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const pattern = { startDate: monday, weeks: 2, weekdays: ["2", "4"], times: "08:00, 13:30", blackoutDates: tuesday, capacity: 60 };
    const preview = await act({ intent: "preview", ...pattern });
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toBe(6); // 4 days × 2 times − 2 on the blackout day
    const countSlots = async () => Number((await db.selectFrom("tour_slots").select((eb) => eb.fn.countAll().as("n")).where("program_id", "=", tour.id).executeTakeFirstOrThrow()).n);
    expect(await countSlots()).toBe(1); // preview creates nothing
    expect((await act({ intent: "generate", ...pattern })).status).toBe(302);
    expect(await countSlots()).toBe(7);
    expect((await act({ intent: "generate", ...pattern })).status).toBe(302);
    expect(await countSlots()).toBe(7);
    const noDays = await act({ intent: "preview", ...pattern, weekdays: [] });
    expect(fieldErrorsOf(noDays).weekdays).toEqual(["tours.errors.weekdays"]);
    const slot = await db.selectFrom("tour_slots").selectAll().where("program_id", "=", tour.id).orderBy("starts_at", "desc").executeTakeFirstOrThrow();
    expect(Date.parse(slot.ends_at) - Date.parse(slot.starts_at)).toBe(90 * 60_000);
    expect(["08:00", "13:30"]).toContain(isoToVnLocal(slot.starts_at).time);
  });

  it("the edit page receives the saved values as the form's own fields, slots as a view, the title in the reader's language", async () => {
    const staff = await createTestUser({ role: "staff" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", staff.id).execute();
    const created = await callAction(newTourAction, await makeRequest("/staff/tours/new", { userId: staff.id, form: tourForm({ slug: "tham-quan-xuong-in-3d" }) }));
    const id = created.location!.split("/")[3].split("?")[0];
    const slot = await createTestSlot(Number(id), { daysAhead: 5, capacity: 70, held: 12 });
    const page = await callLoader(tourEditLoader, await makeRequest(`/staff/tours/${id}`, { userId: staff.id }), { id });
    expect(page.status).toBe(200);
    expect(page.data.tour).toEqual({ id: Number(id), slug: "tham-quan-xuong-in-3d", title: "Workshop tour" });
    const { intent: _intent, participationCertificates: _on, ...typed } = tourForm({ slug: "tham-quan-xuong-in-3d" });
    expect(page.data.form).toMatchObject({ ...typed, participationCertificates: true, mailReminders: false, summaryVi: "", activitiesEn: "" });
    expect(Object.keys(page.data.form)).toHaveLength(20);
    expect(page.data.slots).toEqual([{ id: slot.id, startsAt: slot.starts_at, endsAt: expect.any(String), capacity: 70, held: 12, status: "open" }]);
    expect(page.data.today).toBe(isoToVnLocal(new Date().toISOString()).date);
    expect((await callLoader(tourEditLoader, await makeRequest("/staff/tours/999999", { userId: staff.id }), { id: "999999" })).status).toBe(404);
  });

  it("malformed tour ids are 404", async () => {
    const staff = await createTestUser({ role: "staff" });
    const r = await callAction(tourEditAction, await makeRequest("/staff/tours/x", { userId: staff.id, form: { intent: "slot" } }), { id: "x" });
    expect(r.status).toBe(404);
  });
});

describe("day sheet and CSV", () => {
  it("the day sheet lists the day's slots with schools, counts, adults, needs and contacts; CSV exports a date range", async () => {
    const staff = await createTestUser({ role: "staff" });
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id, { daysAhead: 4 });
    const { teacher } = await createSchoolWithTeacher("Trường THCS Ngô Quyền");
    await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: teacher.id, form: bookingForm(slot.id, { accessibilityNeeds: "Một học sinh dùng xe lăn" }) }), { slug: tour.slug });
    const date = isoToVnLocal(slot.starts_at).date;
    const sheet = await callLoader(dayLoader, await makeRequest(`/staff/bookings/day?date=${date}`, { userId: staff.id }));
    expect(sheet.status).toBe(200);
    const s = sheet.data.slots.find((x: { id: number }) => x.id === slot.id);
    expect(s.bookings).toHaveLength(1);
    expect(s.bookings[0]).toMatchObject({ schoolName: "Trường THCS Ngô Quyền", students: 30, adults: 2, accessibilityNeeds: "Một học sinh dùng xe lăn", contactPhone: "0912 345 678" });
    expect((await callLoader(dayLoader, await makeRequest("/staff/bookings/day?date=2026-13-45", { userId: staff.id }))).status).toBe(400);

    const csv = await callLoader(exportLoader, await makeRequest(`/staff/bookings/export.csv?from=${date}&to=${date}`, { userId: staff.id }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = String(csv.data);
    expect(text).toContain("Trường THCS Ngô Quyền");
    expect(text).toContain("Chờ xác nhận");
    expect(text.trim().split("\r\n")).toHaveLength(2);
    expect((await callLoader(exportLoader, await makeRequest("/staff/bookings/export.csv?from=2026-12-10&to=2026-12-01", { userId: staff.id }))).status).toBe(400);
    expect((await callLoader(exportLoader, await makeRequest("/staff/bookings/export.csv?from=hôm-nay", { userId: staff.id }))).status).toBe(400);
  });
});
