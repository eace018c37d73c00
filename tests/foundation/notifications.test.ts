import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n";
import { localizeParams } from "~/notifications/params";
import { notify } from "~/notifications/notifications.server";
import { db } from "~/lib/db.server";
import { action, loader } from "~/routes/notifications";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";

describe("notification parameters", () => {
  it("are shown in the reader's language: catalogue keys translated, ISO times formatted", () => {
    const params = { role: "role.teacher", when: "2026-12-05T01:30:00.000Z", name: "Thảo", n: 3 };
    expect(localizeParams(params, createTranslator("vi"), "vi")).toEqual({ role: "Giáo viên", when: "05/12/2026 08:30", name: "Thảo", n: 3 });
    expect(localizeParams(params, createTranslator("en"), "en")).toEqual({ role: "Teacher", when: "5 Dec 2026, 08:30", name: "Thảo", n: 3 });
  });

  it("a bilingual title stored as { vi, en } is shown in the reader's language (Vietnamese when there is no English)", () => {
    const params = { title: { vi: "Robot cơ bản", en: "Robotics basics" }, other: { vi: "Điện tử vui", en: null } };
    expect(localizeParams(params, createTranslator("vi"), "vi")).toEqual({ title: "Robot cơ bản", other: "Điện tử vui" });
    expect(localizeParams(params, createTranslator("en"), "en")).toEqual({ title: "Robotics basics", other: "Điện tử vui" });
    expect(createTranslator("en")("workshops.notify.promoted", localizeParams(params, createTranslator("en"), "en"))).toBe(
      "A seat opened in the workshop “Robotics basics”: your registration is confirmed.",
    );
  });
});

describe("the notifications page", () => {
  it("lists only my notifications, newest first, and marks them read", async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    // Written out of order: the list sorts by time, not by insertion.
    await notify(db, { userId: me.id, messageKey: "notifications.welcome", params: { name: "A" } }, "2026-12-05T01:30:00.000Z");
    await notify(db, { userId: me.id, messageKey: "notifications.welcome", params: { name: "C" } }, "2026-12-07T01:30:00.000Z");
    await notify(db, { userId: me.id, messageKey: "notifications.welcome", params: { name: "B" } }, "2026-12-06T01:30:00.000Z");
    await notify(db, { userId: other.id, messageKey: "notifications.welcome", params: { name: "X" } });
    const list = await callLoader(loader, await makeRequest("/notifications", { userId: me.id }));
    expect(list.data.items.map((n: { params: { name: string } }) => n.params.name)).toEqual(["C", "B", "A"]);
    expect(list.data.items.map((n: { read: boolean }) => n.read)).toEqual([false, false, false]);
    expect(list.data.items[2].createdAt).toBe("2026-12-05T01:30:00.000Z");
    const res = await callAction(action, await makeRequest("/notifications", { userId: me.id, method: "POST", form: {} }));
    expect(res.status).toBe(302);
    const after = await db.selectFrom("notifications").select(["user_id", "read_at"]).where("user_id", "in", [me.id, other.id]).orderBy("id").execute();
    // Every row is there: three of mine, all read now; the other user's one, still unread.
    expect(after.filter((n) => n.user_id === me.id).map((n) => n.read_at === null)).toEqual([false, false, false]);
    expect(after.filter((n) => n.user_id === other.id).map((n) => n.read_at)).toEqual([null]);
  });

});
