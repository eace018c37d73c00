// The lab demo data: six resources, the safety course and inductions, students with and without the keys,
// bookings over the next two weeks, seats held equal to the bookings and the approved room request.
import { describe, expect, it } from "vitest";
import { seedFoundation } from "#db/seed/foundation";
import { seedLab } from "#db/seed/lab";
import { seedWorkshops } from "#db/seed/workshops";
import { missingCredentials } from "~/lab/credentials.server";
import { slotStartsOf } from "~/lab/rules";
import { db } from "~/lib/db.server";

describe("lab demo data", () => {
  it("seeds the machines and the room, who may use them, and bookings ahead whose seats are all held", async () => {
    const ctx = await seedFoundation(db);
    await seedWorkshops(ctx); // the hs01… students (hs04 is in grade 9)
    await seedLab(ctx);
    const resources = await db.selectFrom("lab_resources").select(["id", "slug", "kind"]).execute();
    expect(resources.map((r) => r.slug).sort()).toEqual(["ban-dien-tu", "may-cat-laser", "may-in-3d-1", "may-in-3d-2", "may-phay-cnc", "phong-hop-sang-tao"]);
    const laser = resources.find((r) => r.slug === "may-cat-laser")!;
    const student = await missingCredentials(db, ctx.users.student, laser.id, "vi");
    expect(student.map((m) => m.slug)).toEqual(["huong-dan-may-cat-laser"]);
    const hs04 = await db.selectFrom("users").select("id").where("email", "=", "hs04@example.com").executeTakeFirstOrThrow();
    expect(await missingCredentials(db, hs04.id, laser.id, "vi")).toEqual([]);
    const bookings = await db.selectFrom("lab_bookings").selectAll().where("status", "=", "booked").execute();
    expect(bookings.length).toBeGreaterThanOrEqual(7);
    const now = new Date().toISOString();
    expect(bookings.every((b) => b.starts_at > now && b.starts_at < new Date(Date.now() + 16 * 86_400_000).toISOString())).toBe(true);
    const holds = await db.selectFrom("lab_slot_holds").selectAll().where("taken", ">", 0).execute();
    const room = resources.find((r) => r.kind === "room")!;
    for (const h of holds.filter((x) => x.resource_id !== room.id)) {
      const covering = bookings.filter((b) => b.resource_id === h.resource_id && slotStartsOf(b).includes(h.starts_at));
      expect(covering).toHaveLength(h.taken);
    }
    const requests = await db.selectFrom("lab_room_requests").select("status").orderBy("status").execute();
    expect(requests.map((r) => r.status)).toEqual(["approved", "requested"]);
    expect(holds.some((h) => h.resource_id === room.id && h.taken === 30)).toBe(true);
  });
});
