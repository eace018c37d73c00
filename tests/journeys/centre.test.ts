// Point 7 of issue 19: the centre's contact details, editable by admin only, read by pages and calendar files.
import { describe, expect, it } from "vitest";
import { getCentre } from "~/centre/centre.server";
import { db } from "~/lib/db.server";
import { action as centreAction, loader as centreLoader } from "~/routes/admin.centre";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";

const form = (over: Record<string, string> = {}) => ({
  nameVi: "Trung tâm A",
  phone: "028 3822 0000",
  zalo: "0901 000 111",
  email: "a@centre.example",
  addressVi: "5 Lê Lợi, Quận 1",
  addressEn: "5 Le Loi, District 1",
  hoursVi: "8:00–17:00",
  bringVi: "Bình nước",
  bankName: "VCB",
  bankAccount: "0011",
  bankHolder: "STEM HUB",
  ...over,
});
const audits = async () =>
  Number((await db.selectFrom("audit_events").select((eb) => eb.fn.countAll().as("n")).where("action", "=", "centre.settingsChanged").executeTakeFirstOrThrow()).n);

describe("centre details", () => {
  it("only an admin reads and saves them; others are refused and nothing changes", async () => {
    const before = await getCentre(db, "vi");
    const auditsBefore = await audits();
    for (const role of ["student", "teacher", "coordinator", "staff"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(centreLoader, await makeRequest("/admin/centre", { userId: u.id }))).status).toBe(403);
      expect((await callAction(centreAction, await makeRequest("/admin/centre", { userId: u.id, form: form({ phone: "999" }) }))).status).toBe(403);
    }
    expect((await callAction(centreAction, await makeRequest("/admin/centre", { form: form() }))).location).toMatch(/^\/login/);
    expect(await getCentre(db, "vi")).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it("an admin saves them (audited); pages read them in the reader's language with a map link; bad input answers next to the field", async () => {
    const admin = await createTestUser({ role: "admin" });
    const bad = await callAction(
      centreAction,
      await makeRequest("/admin/centre", { userId: admin.id, form: form({ phone: "call me", email: "nope", mapUrl: "javascript:alert(1)" }) }),
    );
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad)).toMatchObject({ phone: ["centre.errors.phone"], email: ["validation.email"], mapUrl: ["centre.errors.url"] });
    const auditsBefore = await audits();
    const saved = await callAction(centreAction, await makeRequest("/admin/centre", { userId: admin.id, form: form() }));
    expect(saved.location).toBe("/admin/centre?notice=notice.centre.saved");
    expect(await audits()).toBe(auditsBefore + 1);
    const vi = await getCentre(db, "vi");
    const en = await getCentre(db, "en");
    expect(vi).toMatchObject({ phone: "028 3822 0000", address: "5 Lê Lợi, Quận 1", bank: { account: "0011" }, reachable: true });
    expect(en.address).toBe("5 Le Loi, District 1");
    // No English hours: the Vietnamese ones.
    expect(en.hours).toBe("8:00–17:00");
    expect(vi.mapUrl).toBe(`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent("5 Lê Lợi, Quận 1")}`);
    const page = await callLoader(centreLoader, await makeRequest("/admin/centre", { userId: admin.id }));
    expect(page.data.values).toMatchObject({ phone: "028 3822 0000", bankHolder: "STEM HUB" });
  });
});
