// 50 students with the right certificates book the same machine slot at the same moment through the real action:
// exactly one booking, one seat taken; on PostgreSQL the transactions really interleave.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as resourceAction } from "~/routes/lab.$slug";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";
import { at, createTestResource, createTrainingProgram, grantCertificate, nextTuesday } from "../helpers/lab";

describe("no double booking under concurrency", () => {
  it("50 students race for one laser-cutter slot: exactly one booking", async () => {
    const safety = await createTrainingProgram();
    const laser = await createTestResource({ programIds: [safety], openingHours: "1-7 08:00-17:00" });
    const students = [];
    for (let i = 0; i < 50; i++) {
      const s = await createTestUser({ role: "student", grade: 9 });
      await grantCertificate(s.id, safety);
      students.push(s.id);
    }
    const startsAt = at(nextTuesday(), "09:00");
    const requests = await Promise.all(students.map((id) => makeRequest(`/lab/${laser.slug}`, { userId: id, form: { intent: "book", startsAt } })));
    const results = await Promise.all(requests.map((r) => callAction(resourceAction, r, { slug: laser.slug })));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    const bookings = await db.selectFrom("lab_bookings").select("user_id").where("resource_id", "=", laser.id).execute();
    expect(bookings).toHaveLength(1);
    const hold = await db.selectFrom("lab_slot_holds").select("taken").where("resource_id", "=", laser.id).where("starts_at", "=", startsAt).executeTakeFirstOrThrow();
    expect(hold.taken).toBe(1);
    const usage = await db.selectFrom("lab_quota_usage").select(["user_id", "minutes"]).where("resource_id", "=", laser.id).where("minutes", ">", 0).execute();
    expect(usage).toEqual([{ user_id: bookings[0].user_id, minutes: 60 }]);
  });

  it("overlapping multi-slot requests for a room never exceed its seats", async () => {
    const room = await createTestResource({ kind: "room", capacity: 4, maxHoursPerWeek: null, openingHours: "1-7 08:00-17:00" });
    const people = [];
    for (let i = 0; i < 12; i++) people.push((await createTestUser({ role: "teacher" })).id);
    const day = nextTuesday();
    const requests = await Promise.all(
      people.map((id, i) =>
        makeRequest(`/lab/${room.slug}`, { userId: id, form: { intent: "book", startsAt: at(day, i % 2 ? "09:00" : "10:00"), slots: 2 } }),
      ),
    );
    const results = await Promise.all(requests.map((r) => callAction(resourceAction, r, { slug: room.slug })));
    const holds = await db.selectFrom("lab_slot_holds").select(["starts_at", "taken"]).where("resource_id", "=", room.id).execute();
    expect(Math.max(...holds.map((h) => h.taken))).toBeLessThanOrEqual(4);
    const ok = results.filter((r) => r.status === 302).length;
    const booked = await db.selectFrom("lab_bookings").select(["starts_at", "slots"]).where("resource_id", "=", room.id).execute();
    expect(booked).toHaveLength(ok);
    // Every seat counted by a hold is a seat of a booking, slot by slot.
    for (const h of holds) {
      const covering = booked.filter((b) => b.starts_at <= h.starts_at && Date.parse(h.starts_at) < Date.parse(b.starts_at) + b.slots * 3_600_000);
      expect(covering).toHaveLength(h.taken);
    }
    expect(results.every((r) => r.status === 302 || r.status === 409)).toBe(true);
  });

  it("one student firing eight bookings at once never goes past the weekly quota", async () => {
    const r = await createTestResource({ maxHoursPerWeek: 2, openingHours: "1-7 08:00-17:00" });
    const s = await createTestUser({ role: "student", grade: 9 });
    const day = nextTuesday();
    const times = ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"];
    const requests = await Promise.all(times.map((time) => makeRequest(`/lab/${r.slug}`, { userId: s.id, form: { intent: "book", date: day, time } })));
    const results = await Promise.all(requests.map((req) => callAction(resourceAction, req, { slug: r.slug })));
    expect(results.filter((x) => x.status === 302)).toHaveLength(2);
    expect(results.filter((x) => x.status === 409)).toHaveLength(6);
    const usage = await db.selectFrom("lab_quota_usage").select("minutes").where("resource_id", "=", r.id).where("user_id", "=", s.id).executeTakeFirstOrThrow();
    expect(usage.minutes).toBe(120);
    const holds = await db.selectFrom("lab_slot_holds").select("taken").where("resource_id", "=", r.id).where("taken", ">", 0).execute();
    expect(holds).toHaveLength(2);
  });
});
