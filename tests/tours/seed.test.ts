// The demo data: two tours, bookings from the three schools in every status, held seats consistent.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedFoundation } from "#db/seed/foundation";
import { seedTours } from "#db/seed/tours";

describe("tours demo data", () => {
  it("seeds two published tours, slots ahead, every status, and held seats equal requested + confirmed", async () => {
    // Only the foundation and this capability: other capabilities' seeds are tested by their owners.
    await seedTours(await seedFoundation(db));
    const tours = await db.selectFrom("programs").select("slug").where("kind", "=", "tour").where("status", "=", "published").execute();
    expect(tours).toHaveLength(2);
    const statuses = await db.selectFrom("tour_bookings").select("status").distinct().execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(["requested", "confirmed", "declined", "cancelled", "completed"]));
    const schools = await db.selectFrom("tour_bookings").select("school_id").distinct().execute();
    expect(schools).toHaveLength(3);
    const future = await db.selectFrom("tour_slots").select((eb) => eb.fn.countAll().as("n")).where("starts_at", ">", new Date(Date.now() + 35 * 86_400_000).toISOString()).executeTakeFirstOrThrow();
    expect(Number(future.n)).toBeGreaterThan(0);
    const mismatched = await sql<{ id: number }>`
      select s.id from tour_slots s
      where s.held_students != coalesce((select sum(b.students) from tour_bookings b where b.slot_id = s.id and b.status in ('requested','confirmed')), 0)`.execute(db);
    expect(mismatched.rows).toEqual([]);
    const completed = await db
      .selectFrom("tour_bookings as b")
      .innerJoin("tour_slots as s", "s.id", "b.slot_id")
      .select(["s.starts_at"])
      .where("b.status", "=", "completed")
      .execute();
    expect(completed.every((c) => c.starts_at < new Date().toISOString())).toBe(true);
  });
});
