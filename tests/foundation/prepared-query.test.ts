// preparedQuery (app/lib/prepared.server.ts, issue 17) builds a Kysely query once and runs its SQL with new values:
// the answers must be those of the same query built afresh, on both stores, in and out of transactions.
import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { db } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared.server";
import { createTestUser } from "../helpers/factories";

const byRoleAndName = preparedQuery((d, v: { role: Role; name: string }) =>
  d.selectFrom("users").select(["id", "full_name"]).where("role", "=", v.role).where("full_name", "=", v.name).orderBy("id").limit(5),
);
const renameQuery = preparedQuery((d, v: { id: number; name: string }) => d.updateTable("users").set({ full_name: v.name }).where("id", "=", v.id));

describe("preparedQuery", () => {
  it("answers as the query built afresh, for each set of values", async () => {
    const a = await createTestUser({ role: "student", fullName: "Lê Văn An" });
    const b = await createTestUser({ role: "teacher", fullName: "Lê Văn An" });
    const c = await createTestUser({ role: "student", fullName: "Phạm Thị Bình" });
    for (const [role, name] of [["student", "Lê Văn An"], ["teacher", "Lê Văn An"], ["student", "Phạm Thị Bình"], ["admin", "Không ai"]] as const) {
      const fresh = await db.selectFrom("users").select(["id", "full_name"]).where("role", "=", role).where("full_name", "=", name).orderBy("id").limit(5).execute();
      const prepared = (await byRoleAndName(db, { role, name })).rows;
      expect(prepared.map((r) => Number(r.id))).toEqual(fresh.map((r) => Number(r.id)));
    }
    expect((await byRoleAndName(db, { role: "student", name: "Lê Văn An" })).rows.map((r) => Number(r.id))).toEqual([a.id]);
    expect((await byRoleAndName(db, { role: "teacher", name: "Lê Văn An" })).rows.map((r) => Number(r.id))).toEqual([b.id]);
    expect((await byRoleAndName(db, { role: "student", name: "Phạm Thị Bình" })).rows.map((r) => Number(r.id))).toEqual([c.id]);
  });

  it("writes inside a transaction, and counts the rows it changed", async () => {
    const u = await createTestUser({ fullName: "Trước" });
    const changed = await db.transaction().execute(async (trx) => {
      const r = await renameQuery(trx, { id: u.id, name: "Sau" });
      return Number(r.numAffectedRows);
    });
    expect(changed).toBe(1);
    expect((await db.selectFrom("users").select("full_name").where("id", "=", u.id).executeTakeFirstOrThrow()).full_name).toBe("Sau");
    expect(Number((await renameQuery(db, { id: -1, name: "x" })).numAffectedRows)).toBe(0);
  });
});
