// Unmet demand from the summary (migration 0032, app/insights/unmet.server.ts) equals the same queries over the
// source rows after every change its triggers must see: waitlisted, promoted, cancelled, moved and deleted
// registrations; sessions moved in time or to another program; topics added to and removed from a program; a
// program's kind changed.
// The oracle is each query without the summary (the path a school filter or a period of part months takes).
import { describe, expect, it } from "vitest";
import * as q from "~/insights/queries.server";
import { refreshUnmetSummary } from "~/insights/unmet.server";
import { db } from "~/lib/db.server";
import { buildFixture } from "./fixture";
import { program, registration, session, students, vn } from "../helpers/insights";

/** Month-aligned windows around year Y: months, the July–September quarter, a school year, two school years. */
function windows(Y: number) {
  return [
    { from: vn(`${Y}-10-01`), to: vn(`${Y}-11-01`) },
    { from: vn(`${Y}-11-01`), to: vn(`${Y}-12-01`) },
    { from: vn(`${Y}-07-01`), to: vn(`${Y}-10-01`) },
    { from: vn(`${Y}-09-01`), to: vn(`${Y + 1}-09-01`) },
    { from: vn(`${Y - 1}-06-01`), to: vn(`${Y + 1}-01-01`) },
  ];
}

const FILTERS: q.InsightFilters[] = [{}, { kind: "workshop" }, { kind: "tour" }, { kind: "course" }, { topic: "unmet-a" }];

async function expectSummaryMatches(Y: number, step: string) {
  const unmet = await refreshUnmetSummary(db);
  for (const span of windows(Y)) {
    for (const f of FILTERS) {
      const at = `${step}: ${span.from}–${span.to} ${JSON.stringify(f)}`;
      expect(await q.unmetByProgram(db, span, f, unmet), at).toEqual(await q.unmetByProgram(db, span, f));
      expect(await q.unmetByTopic(db, span, f, unmet), at).toEqual(await q.unmetByTopic(db, span, f));
    }
  }
}

describe("unmet demand from the summary", () => {
  it("matches the source rows after registrations, sessions and topics change", async () => {
    const Y = 2065;
    await buildFixture(db, Y);
    await expectSummaryMatches(Y, "fixture");

    const [a, b, c] = await students(db, 3);
    const P1 = await program(db, "workshop", ["unmet-a", "unmet-b"]);
    const P2 = await program(db, "workshop", ["unmet-a"]);
    const s1 = await session(db, P1, `${Y}-08-31 23:30`, 1); // the last half hour of August, Vietnam time
    const s2 = await session(db, P1, `${Y}-10-10 08:00`, 1);
    const s3 = await session(db, P2, `${Y}-10-20 08:00`, 1);
    await registration(db, s1.id, c, "confirmed", `${Y}-08-01 09:00`);
    const wa1 = await registration(db, s1.id, a, "waitlisted", `${Y}-08-01 09:00`);
    await registration(db, s2.id, a, "waitlisted", `${Y}-09-01 09:00`);
    const wb3 = await registration(db, s3.id, b, "waitlisted", `${Y}-09-01 09:00`);
    await registration(db, s2.id, b, "waitlisted", `${Y}-09-02 09:00`);
    await expectSummaryMatches(Y, "waitlisted");

    // a gets a seat at P1 (no longer unmet there), b's wait at P2 is cancelled, then s3 moves to another month.
    await db.updateTable("workshop_registrations").set({ status: "confirmed", waitlist_position: null }).where("id", "=", wa1).execute();
    await db.updateTable("workshop_registrations").set({ status: "cancelled", waitlist_position: null }).where("id", "=", wb3).execute();
    await expectSummaryMatches(Y, "promoted and cancelled");
    await db.updateTable("workshop_registrations").set({ status: "waitlisted", waitlist_position: 9000 }).where("id", "=", wb3).execute();
    await db.updateTable("workshop_sessions").set({ starts_at: vn(`${Y}-11-30 16:00`) }).where("id", "=", s3.id).execute();
    await expectSummaryMatches(Y, "session moved in time");

    // s2 moves to P2; a registration moves to another session; topics change.
    await db.updateTable("workshop_sessions").set({ program_id: P2 }).where("id", "=", s2.id).execute();
    await expectSummaryMatches(Y, "session moved to another program");
    await db.updateTable("workshop_registrations").set({ session_id: s1.id }).where("id", "=", wb3).execute();
    await expectSummaryMatches(Y, "registration moved");
    await db.deleteFrom("program_topics").where("program_id", "=", P1).where("topic", "=", "unmet-b").execute();
    await db.insertInto("program_topics").values({ program_id: P2, topic: "unmet-b" }).execute();
    await expectSummaryMatches(Y, "topics changed");
    await db.updateTable("programs").set({ kind: "tour" }).where("id", "=", P2).execute();
    await expectSummaryMatches(Y, "program's kind changed");

    // Seats given up and waits deleted.
    await db.deleteFrom("workshop_registrations").where("id", "=", wa1).execute();
    await expectSummaryMatches(Y, "seat deleted");
    await db.deleteFrom("workshop_registrations").where("user_id", "=", b).execute();
    await expectSummaryMatches(Y, "waits deleted");

    expect(await db.selectFrom("unmet_dirty").selectAll().execute()).toEqual([]);
  });
});
