// The long lists of staff and admins (issue 17): the admin's user list (Vietnamese order of names) and the staff
// certificate list (newest first) pick a page's ids from an index in the list's order and join only those, so a
// deep page never reads a row per skipped entry. Pages put together are the whole order, ties included; the
// page's pick is an index read with no sort, on both stores.
import { describe, expect, it } from "vitest";
import { listUsers, USERS_PAGE_SIZE } from "~/auth/users.server";
import { issueCertificate } from "~/certificates/issue.server";
import { searchCertificates, STAFF_PAGE_SIZE } from "~/certificates/queries.server";
import { vietnameseNameKey } from "~/lib/collation";
import { db, storeKind } from "~/lib/db.server";
import { createTestProgram } from "../helpers/certificates";
import { createTestUser } from "../helpers/factories";
import { explainQueriesOf, type ExplainedQuery } from "../helpers/plans";

const NAMES = ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Anh", "Phạm Thị Ân", "Đỗ Thị Bình", "Vũ Đức Bình", "Nguyễn Thị Hòa", "Lê Thị Hóa", "Ngô Thị Lệ", "Bùi Thị Lề", "Trần Văn Dũng", "Lê Văn Dung"];

/** The query that picks a page (LIMIT/OFFSET, nothing joined yet). */
const pagePick = (explained: ExplainedQuery[]) => explained.find((e) => / limit /i.test(e.sql) && !/ join /i.test(e.sql));

function expectIndexOnly(plan: string | undefined, index: string) {
  expect(plan).toBeDefined();
  if (storeKind === "postgres") {
    expect(plan).toMatch(new RegExp(`Index Only Scan (Backward )?using ${index}`));
    expect(plan).not.toMatch(/(^|->\s+)(Incremental )?Sort\s+\(/m);
  } else {
    expect(plan).toMatch(new RegExp(`USING COVERING INDEX ${index}`));
    expect(plan).not.toMatch(/USE TEMP B-TREE/);
  }
}

describe("the admin's user list", () => {
  it("pages through the Vietnamese order of names, every user once, ties by id; the page is picked from an index", async () => {
    const made: { id: number; key: string }[] = [];
    for (let i = 0; i < USERS_PAGE_SIZE + 12; i++) {
      const fullName = NAMES[i % NAMES.length];
      const u = await createTestUser({ fullName, role: "coordinator" });
      made.push({ id: u.id, key: vietnameseNameKey(fullName) });
    }
    const expected = [...made].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id)).map((u) => u.id);
    const first = await listUsers(db, { role: "coordinator", page: 1 });
    const second = await listUsers(db, { role: "coordinator", page: 2 });
    expect(first.total).toBe(made.length);
    expect(first.pages).toBe(2);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected);
    expect(second.rows[0]).toEqual(expect.objectContaining({ role: "coordinator", fullName: expect.any(String), createdAt: expect.any(String) }));

    const everyone = await listUsers(db, { page: 1 });
    expect(everyone.total).toBeGreaterThanOrEqual(made.length);
    const keys = everyone.rows.map((r) => vietnameseNameKey(r.fullName));
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const plans = {
      role: pagePick(await explainQueriesOf((recording) => listUsers(recording, { role: "coordinator", page: 2 }), { postgresOff: ["enable_seqscan", "enable_sort"] })),
      all: pagePick(await explainQueriesOf((recording) => listUsers(recording, { page: 2 }), { postgresOff: ["enable_seqscan", "enable_sort"] })),
    };
    expectIndexOnly(plans.role?.plan, "users_role_name_idx");
    expectIndexOnly(plans.all?.plan, "users_name_order_idx");
  });
});

describe("the staff certificate list", () => {
  it("pages newest first, every certificate once, ties by id; the page is picked from an index", async () => {
    const programs = [await createTestProgram("workshop"), await createTestProgram("workshop")];
    const ids: { id: number; at: string }[] = [];
    for (let i = 0; i < STAFF_PAGE_SIZE + 7; i++) {
      const u = await createTestUser({ fullName: NAMES[i % NAMES.length] });
      // Three issue times only: many ties.
      const at = `2026-10-0${1 + (i % 3)}T03:00:00.000Z`;
      const r = await issueCertificate(db, { userId: u.id, programId: programs[i % 2], kind: "workshop", now: at });
      if (!r.ok) throw new Error(r.reason);
      ids.push({ id: r.value.certificate.id, at });
    }
    const expected = [...ids].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : b.id - a.id)).map((c) => c.id);
    const first = await searchCertificates(db, { page: 1, locale: "vi" });
    const second = await searchCertificates(db, { page: 2, locale: "vi" });
    expect(first.total).toBe(ids.length);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected);
    const valid = await searchCertificates(db, { page: 2, status: "valid", locale: "vi" });
    expect(valid.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));

    expectIndexOnly(pagePick(await explainQueriesOf((recording) => searchCertificates(recording, { page: 2, locale: "vi" }), { postgresOff: ["enable_seqscan", "enable_sort"] }))?.plan, "certificates_newest_idx");
    expectIndexOnly(
      pagePick(await explainQueriesOf((recording) => searchCertificates(recording, { page: 2, status: "valid", locale: "vi" }), { postgresOff: ["enable_seqscan", "enable_sort"] }))?.plan,
      "certificates_status_newest_idx",
    );
  });
});
