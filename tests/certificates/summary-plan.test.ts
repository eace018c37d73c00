// The teacher's dashboard counts the certificates of each class's members (classCertificateSummary). It must read
// each member's certificates through the owner's index: SQLite has no statistics, and an index on (status, issued
// time) — the staff list's, migration 0029 — once made it read every valid certificate issued since the member
// joined instead (323 ms at 100,000 students). EXPLAIN on both stores (the join order on SQLite only).
import { describe, expect, it } from "vitest";
import { classCertificateSummary } from "~/certificates/queries.server";
import { storeKind } from "~/lib/db.server";
import { explainQueriesOf } from "../helpers/plans";

describe("the class certificate summary's plan", () => {
  it("looks certificates up by their owner, member by member", async () => {
    const [summary] = await explainQueriesOf((recording) => classCertificateSummary(recording, { teacherId: 1 }, "vi"));
    expect(summary.sql).toMatch(/from "classes"/);
    if (process.env.SHOW_PLANS) console.log(summary.plan);
    if (storeKind === "postgres") {
      // PostgreSQL plans from statistics, so on a test database its join order says nothing about 100,000
      // students; what holds at any size: no certificate is read without an index.
      expect(summary.plan).not.toMatch(/Seq Scan on certificates/);
    } else {
      expect(summary.plan).toMatch(/SEARCH c USING (COVERING )?INDEX certificates_user_status_idx \(user_id=\? AND status=\? AND issued_at>\?\)/);
    }
  });
});
