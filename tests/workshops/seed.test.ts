import { describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed/index";
import { db } from "~/lib/db.server";
import { checkInvariants } from "../helpers/workshops";

describe("demo seed", () => {
  it("has 12 published workshops, a full session with a waitlist, past attendance, the demo student registered", async () => {
    await seedDemoData(db);
    const workshops = await db.selectFrom("programs").select("id").where("kind", "=", "workshop").where("status", "=", "published").execute();
    expect(workshops.length).toBe(12);
    const full = await db.selectFrom("workshop_sessions").select("id").whereRef("confirmed_count", "=", "capacity").execute();
    expect(full.length).toBeGreaterThan(0);
    const waiting = await db.selectFrom("workshop_registrations").select("id").where("status", "=", "waitlisted").execute();
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const attended = await db.selectFrom("workshop_attendance").select("status").execute();
    expect(attended.some((a) => a.status === "attended") && attended.some((a) => a.status === "absent")).toBe(true);
    const student = await db.selectFrom("users").select("id").where("email", "=", "student@example.com").executeTakeFirstOrThrow();
    const mine = await db.selectFrom("workshop_registrations").select("status").where("user_id", "=", student.id).execute();
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const s of await db.selectFrom("workshop_sessions").select("id").execute()) {
      const inv = await checkInvariants(s.id);
      expect(inv.counter).toBe(inv.confirmed);
      expect(inv.positionsContiguous).toBe(true);
    }
  });
});
