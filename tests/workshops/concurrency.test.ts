// Capacity and waitlist numbering under concurrency, through the real route action with real Requests.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as workshopAction } from "~/routes/workshops.$slug";
import { action as scheduleAction } from "~/routes/schedule._index";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";
import { checkInvariants, createWorkshop, registrationsOf } from "../helpers/workshops";

async function students(n: number) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await createTestUser({ role: "student", grade: 8 })).id);
  return out;
}

async function register(slug: string, sessionId: number, userId: number) {
  const req = await makeRequest(`/workshops/${slug}`, { userId, form: { intent: "register", sessionId } });
  return callAction(workshopAction, req, { slug });
}

describe("registration races", () => {
  it("200 concurrent registrations for 20 seats: exactly 20 confirmed, 180 waitlisted at 1..180", async () => {
    const { slug, sessionId } = await createWorkshop({ session: { capacity: 20 } });
    const ids = await students(200);
    const requests = await Promise.all(ids.map((userId) => makeRequest(`/workshops/${slug}`, { userId, form: { intent: "register", sessionId } })));
    const results = await Promise.all(requests.map((req) => callAction(workshopAction, req, { slug })));
    // Post/Redirect/Get: each answer redirects to that student's own registration.
    expect(results.every((r) => r.status === 302 && /^\/registrations\/\d+\?outcome=now$/.test(r.location ?? ""))).toBe(true);
    expect(new Set(results.map((r) => r.location)).size).toBe(200);
    const statuses = (await registrationsOf(sessionId)).map((r) => r.status);
    expect(statuses.filter((s) => s === "confirmed")).toHaveLength(20);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(180);
    const inv = await checkInvariants(sessionId);
    expect(inv).toMatchObject({ confirmed: 20, counter: 20, positionsContiguous: true, usersUnique: true });
    expect(inv.positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
  });

  it("double submits race harmlessly: one row per student, the same answer twice", async () => {
    const { slug, sessionId } = await createWorkshop({ session: { capacity: 3 } });
    const ids = await students(6);
    const results = await Promise.all(ids.flatMap((id) => [register(slug, sessionId, id), register(slug, sessionId, id)]));
    expect(results.every((r) => r.status === 302)).toBe(true);
    expect(results.filter((r) => r.location?.endsWith("outcome=already"))).toHaveLength(6);
    expect(await registrationsOf(sessionId)).toHaveLength(6);
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 3, counter: 3, positions: [1, 2, 3] });
  });

  it("interleaved cancellations and registrations keep every invariant", async () => {
    const { slug, sessionId } = await createWorkshop({ session: { capacity: 10 } });
    const first = await students(30);
    for (const id of first) await register(slug, sessionId, id);
    const regs = await registrationsOf(sessionId);
    const regOf = new Map(regs.map((r) => [r.user_id, r.id]));
    const newcomers = await students(40);
    // Half the confirmed and every third waitlisted student cancel while newcomers register.
    const cancelling = [...first.slice(0, 5), ...first.slice(10).filter((_, i) => i % 3 === 0)];
    const registering: Promise<{ status: number }>[] = [];
    const cancellations: Promise<{ status: number; location: string | null }>[] = [];
    for (let i = 0; i < Math.max(cancelling.length, newcomers.length); i++) {
      if (i < newcomers.length) registering.push(register(slug, sessionId, newcomers[i]));
      if (i < cancelling.length) {
        const userId = cancelling[i];
        cancellations.push(
          makeRequest("/schedule", { userId, form: { intent: "cancel", registrationId: regOf.get(userId)!, confirm: "yes" } }).then((req) =>
            callAction(scheduleAction, req),
          ),
        );
      }
    }
    const [registered, cancelled_] = await Promise.all([Promise.all(registering), Promise.all(cancellations)]);
    expect(registered.every((r) => r.status === 302)).toBe(true);
    // A cancellation answers Post/Redirect/Get with its notice.
    expect(cancelled_.every((r) => r.status === 302 && r.location === "/schedule?notice=notice.workshops.cancelled")).toBe(true);
    const inv = await checkInvariants(sessionId);
    expect(inv.counter).toBe(inv.confirmed);
    expect(inv.confirmed).toBe(10);
    expect(inv.positionsContiguous).toBe(true);
    expect(inv.usersUnique).toBe(true);
    // 30 + 40 students, minus the cancelled ones, all still hold a place: 10 seats plus the waitlist.
    expect(inv.confirmed + inv.positions.length).toBe(70 - cancelling.length);
    const cancelled = await db.selectFrom("workshop_registrations").select("user_id").where("session_id", "=", sessionId).where("status", "=", "cancelled").execute();
    expect(cancelled.map((c) => c.user_id).sort()).toEqual([...cancelling].sort());
  });
});
