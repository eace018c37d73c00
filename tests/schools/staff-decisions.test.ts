// Staff decide teachers' requests to join a school from /staff/schools (issue 20, point 10): approve and reject,
// each re-read from the table, each told to the teacher; deciding twice is refused and changes nothing.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as staffSchoolsAction } from "~/routes/staff.schools";
import { addSchoolMember, createTestSchool, createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";

async function pendingRequest(schoolName: string) {
  const schoolId = await createTestSchool(schoolName);
  const teacher = await createTestUser({ role: "teacher" });
  await addSchoolMember(schoolId, teacher.id, "teacher", "pending");
  const m = await db.selectFrom("school_memberships").select("id").where("user_id", "=", teacher.id).executeTakeFirstOrThrow();
  return { schoolId, teacher, membershipId: m.id };
}

const decide = async (staffId: number, membershipId: number, decision: "approve" | "reject") =>
  callAction(staffSchoolsAction, await makeRequest("/staff/schools", { userId: staffId, form: { intent: "membership", membershipId, decision } }));

const row = (id: number) => db.selectFrom("school_memberships").select(["status", "decided_by"]).where("id", "=", id).executeTakeFirstOrThrow();
const notesOf = (userId: number) => db.selectFrom("notifications").select("message_key").where("user_id", "=", userId).orderBy("id").execute();

describe("staff decide membership requests", () => {
  it("approve: the membership is approved by that staff member and the teacher is told", async () => {
    const staff = await createTestUser({ role: "staff" });
    const r = await pendingRequest("Trường THCS Duyệt");
    expect((await decide(staff.id, r.membershipId, "approve")).status).toBe(302);
    expect(await row(r.membershipId)).toEqual({ status: "approved", decided_by: staff.id });
    expect((await notesOf(r.teacher.id)).map((n) => n.message_key)).toEqual(["schools.notify.membershipApproved"]);
  });

  it("reject: the membership is rejected, the teacher is told; deciding it again is refused and changes nothing", async () => {
    const staff = await createTestUser({ role: "staff" });
    const r = await pendingRequest("Trường THCS Từ Chối");
    expect((await decide(staff.id, r.membershipId, "reject")).status).toBe(302);
    const decided = await row(r.membershipId);
    expect(decided).toEqual({ status: "rejected", decided_by: staff.id });
    const notes = await notesOf(r.teacher.id);
    expect(notes).toHaveLength(1);
    const again = await decide(staff.id, r.membershipId, "approve");
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(await row(r.membershipId)).toEqual(decided);
    expect(await notesOf(r.teacher.id)).toEqual(notes);
  });
});
