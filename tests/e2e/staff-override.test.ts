// Staff register a class past the workshop rules in the browser (issue 11): the class's tab, a reason, the confirm
// step, the result — and both the override and a teacher's denied visit to a staff page are in the security log.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, logout, openStaffTask, startServer, type TestServer } from "../helpers/e2e";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("staff override of the workshop rules", () => {
  it("staff preview, confirm and find the override in the security log; a teacher's 403 is logged too", async () => {
    const page = await browser.newPage();
    await login(page, server.url, "teacher@example.com");
    const denied = await page.goto(`${server.url}/staff/insights?token=not-logged`);
    expect(denied?.status()).toBe(403);
    await logout(page);

    await login(page, server.url, "staff@example.com");
    await openStaffTask(page, "Tất cả các lớp");
    const hrefs = await page.getByRole("main").locator('a[href^="/classes/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const classPath = hrefs.find((h) => /^\/classes\/\d+$/.test(h));
    expect(classPath).toBeTruthy();
    await Promise.all([page.waitForURL((u) => u.pathname === classPath), page.getByRole("main").locator(`a[href="${classPath}"]`).first().click()]);
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/enrol")), page.getByRole("link", { name: "Đăng ký bỏ qua quy tắc" }).click()]);
    await page.getByRole("heading", { level: 3, name: "Đăng ký buổi workshop bỏ qua quy tắc" }).waitFor();
    await page.getByLabel("Lý do").fill("Trường xin đặc cách cho đội thi robot");
    await page.getByRole("button", { name: "Xem trước" }).click();
    await page.getByRole("heading", { level: 3, name: /^Xác nhận đăng ký bỏ qua quy tắc/ }).waitFor();
    await page.getByRole("button", { name: "Đăng ký bỏ qua quy tắc" }).click();
    await page.getByText("(Đăng ký bỏ qua quy tắc, đã ghi vào nhật ký bảo mật.)").waitFor();

    for (const [action, expected, absent] of [
      ["staff.override", "Trường xin đặc cách cho đội thi robot", null],
      ["auth.accessDenied", "path=/staff/insights", "not-logged"],
    ] as const) {
      await openStaffTask(page, "Nhật ký bảo mật");
      await page.getByLabel("Hành động").selectOption(action);
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get("action") === action),
        page.getByRole("search").getByRole("button", { name: "Tìm kiếm" }).click(),
      ]);
      await expect.poll(async () => (await page.locator("tbody").textContent()) ?? "").toContain(expected);
      if (absent) expect(await page.locator("tbody").textContent()).not.toContain(absent);
    }
    await page.close();
  });
});
