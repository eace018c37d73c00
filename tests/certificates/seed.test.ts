// The demo seed: earned certificates come from what the other seeds made true, plus one revoked certificate.
import { describe, expect, it } from "vitest";
import { seedCertificates } from "#db/seed/certificates";
import { db } from "~/lib/db.server";
import { createTestUser } from "../helpers/factories";
import { createTestProgram } from "../helpers/certificates";

describe("seedCertificates", () => {
  it("certifies completed courses, issues one by hand and revokes one; running it twice adds nothing", async () => {
    const [student, student2, staff] = [await createTestUser(), await createTestUser(), await createTestUser({ role: "staff" })];
    const course = await createTestProgram("course", "Lập trình Python cho học sinh");
    await createTestProgram("workshop", "Robot cơ bản cho lớp 6");
    const now = new Date().toISOString();
    await db.insertInto("courses").values({ program_id: course, estimated_hours: 4, created_at: now, updated_at: now }).execute();
    await db
      .insertInto("enrolments")
      .values({ program_id: course, user_id: student.id, enrolled_at: now, left_at: null, last_activity_at: now, completed_at: now })
      .execute();
    const ctx = {
      db,
      passwordHash: "",
      today: now,
      users: { admin: staff.id, staff: staff.id, teacher: staff.id, coordinator: staff.id, student: student.id, student2: student2.id },
      schools: [],
    };
    await seedCertificates(ctx);
    const mine = await db.selectFrom("certificates").select(["kind", "status"]).where("user_id", "=", student.id).orderBy("kind").execute();
    expect(mine).toEqual([
      { kind: "course", status: "valid" },
      { kind: "workshop", status: "valid" },
    ]);
    const theirs = await db.selectFrom("certificates").select(["status", "revoked_reason"]).where("user_id", "=", student2.id).execute();
    expect(theirs).toHaveLength(1);
    expect(theirs[0].status).toBe("revoked");
    await seedCertificates(ctx);
    expect(await db.selectFrom("certificates").select("id").where("user_id", "in", [student.id, student2.id]).execute()).toHaveLength(3);
  });
});
