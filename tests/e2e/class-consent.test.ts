// Consent to join a class in the browser (issue 11): a teacher invites two students by email; until they answer
// the teacher sees nothing; one accepts (the teacher then sees their progress row), the other declines (still nothing).
import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, expectText, launchBrowser, login, logout, openNotifications, startServer, type TestServer } from "../helpers/e2e";

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

const CLASS_TABS = "Các trang của lớp";

function nameOf(email: string): string {
  const file = new SQLite(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return (file.prepare("select full_name from users where email = ?").get(email) as { full_name: string }).full_name;
  } finally {
    file.close();
  }
}

describe("inviting students to a class", () => {
  it("invite → the student accepts → the teacher sees their progress; pending or declined → the teacher sees nothing", async () => {
    const accepting = nameOf("student2@example.com");
    const declining = nameOf("student@example.com");
    const context = await browser.newContext();
    const page = await context.newPage();

    // The teacher makes a class and invites both students; one message whatever the email.
    await login(page, server.url, "teacher@example.com");
    await clickNav(page, "Lớp của tôi");
    await page.getByRole("link", { name: "Tạo lớp mới" }).click();
    await page.getByLabel("Tên lớp").fill("9C — Lớp đồng ý");
    await page.getByLabel("Khối lớp").fill("9");
    await page.getByRole("button", { name: "Tạo lớp" }).click();
    await page.waitForURL(/\/classes\/\d+\?notice=/);
    const classUrl = page.url().split("?")[0]!;
    await clickNav(page, "Học sinh", CLASS_TABS);
    expect(page.url()).toBe(`${classUrl}/members`);
    for (const email of ["student2@example.com", "student@example.com", "khong-ai@example.com"]) {
      await page.getByLabel("Email của học sinh").fill(email);
      await page.getByRole("button", { name: "Thêm vào lớp" }).click();
      await page.waitForURL(/notice=notice\.classes\.invitationSent/);
      await expectText(page.getByRole("status").first(), "Nếu email này là của một tài khoản học sinh");
    }
    // Pending: nothing of the students on the roster or the progress page.
    await clickNav(page, "Tiến độ", CLASS_TABS);
    let text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain(accepting);
    expect(text).not.toContain(declining);
    await logout(page);

    // One student accepts from /classes/joined, reached from the invitation's notification.
    await login(page, server.url, "student2@example.com");
    await openNotifications(page);
    await page.getByRole("listitem").filter({ hasText: "Bạn được mời vào lớp 9C — Lớp đồng ý" }).getByRole("link", { name: "Xem" }).click();
    await page.getByRole("button", { name: "Đồng ý vào lớp 9C — Lớp đồng ý" }).click();
    await page.waitForURL(/notice=notice\.classes\.invitationAccepted/);
    await expectText(page.locator("main"), "Ai thấy tiến độ của bạn:");
    await logout(page);

    // The other declines.
    await login(page, server.url, "student@example.com");
    await openNotifications(page);
    await page.getByRole("listitem").filter({ hasText: "Bạn được mời vào lớp 9C — Lớp đồng ý" }).getByRole("link", { name: "Xem" }).click();
    await page.getByRole("button", { name: "Từ chối lời mời vào lớp 9C — Lớp đồng ý" }).click();
    await page.waitForURL(/notice=notice\.classes\.invitationDeclined/);
    await logout(page);

    // The teacher now sees the student who accepted (roster, then their progress page), and still nothing of the
    // one who declined.
    await login(page, server.url, "teacher@example.com");
    await clickNav(page, "Lớp của tôi");
    await page.getByRole("link", { name: "9C — Lớp đồng ý", exact: true }).click();
    await clickNav(page, "Học sinh", CLASS_TABS);
    await expectText(page.locator("main"), accepting);
    text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain(declining);
    await page.getByRole("link", { name: accepting }).click();
    await page.waitForURL(/\/students\/\d+$/);
    await expectText(page.getByRole("heading", { level: 2 }), accepting);
    await clickNav(page, "Tiến độ", CLASS_TABS);
    expect(page.url()).toBe(`${classUrl}/progress`);
    text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain(declining);
    await context.close();
  });
});
