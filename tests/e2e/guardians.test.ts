// Browser (issue 16): the demo teacher's class booking is confirmed by staff → the teacher prints the signing
// links → a family signs through the link on a phone-sized screen (390 px) → the teacher sees 1 signed.
import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, expectText, launchBrowser, login, openStaffTask, startServer, type TestServer } from "../helpers/e2e";

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

function one<T>(query: string, ...args: unknown[]): T {
  const file = new SQLite(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return file.prepare(query).get(...args) as T;
  } finally {
    file.close();
  }
}

describe("permission slips in the browser", () => {
  it("staff confirm the class booking → a family signs through the printed link on a phone → the teacher sees 1 signed", async () => {
    const booking = one<{ id: number; reference: string }>(
      "select b.id, b.reference from tour_bookings b join users u on u.id = b.booked_by where u.email = 'teacher@example.com' and b.status = 'requested' and b.class_id is not null order by b.id limit 1",
    );
    const student = one<{ full_name: string }>("select full_name from users where email = 'student@example.com'").full_name;

    const staffCtx = await browser.newContext();
    const staff = await staffCtx.newPage();
    await login(staff, server.url, "staff@example.com");
    await openStaffTask(staff, "Lượt đặt lịch");
    await staff.getByRole("button", { name: `Xác nhận ${booking.reference}` }).click();
    await staff.waitForURL(/notice=notice\.bookings\.updated/);
    await staffCtx.close();

    // The teacher prints the signing links (one per student with a slip, each with a QR code).
    const teacherCtx = await browser.newContext();
    const teacher = await teacherCtx.newPage();
    await login(teacher, server.url, "teacher@example.com");
    await clickNav(teacher, "Lượt đặt lịch");
    await teacher.getByRole("link", { name: booking.reference, exact: true }).click();
    await teacher.waitForURL(new RegExp(`/bookings/${booking.id}$`));
    await teacher.getByRole("link", { name: "Phiếu đồng ý" }).click();
    await teacher.waitForURL(new RegExp(`/bookings/${booking.id}/slips`));
    await expectText(teacher.getByTestId("slip-summary"), "0 đồng ý");
    await teacher.getByRole("button", { name: "In liên kết ký phiếu (mã QR)" }).click();
    const card = teacher.getByTestId("slip-link").filter({ hasText: student });
    await card.waitFor();
    await expect(card.locator("img").count()).resolves.toBe(1);
    const link = ((await card.locator("p.font-mono").textContent()) ?? "").trim();
    expect(link).toMatch(/\/slips\/[A-Za-z0-9_-]{43}$/);

    // A family member on a phone, not signed in.
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await phoneCtx.newPage();
    await phone.goto(link);
    await expectText(phone.getByRole("heading", { level: 1 }), "Phiếu đồng ý tham quan");
    await phone.getByLabel("Có, tôi đồng ý").check();
    await phone.getByLabel("Số điện thoại khẩn cấp").fill("0912 345 678");
    await phone.getByLabel("Dị ứng / ghi chú sức khỏe (không bắt buộc)").fill("Dị ứng tôm");
    await phone.getByLabel("Chữ ký: gõ đầy đủ họ tên của bạn").fill("  Nguyễn Văn Hùng ");
    await phone.getByRole("button", { name: "Ký phiếu" }).click();
    await expectText(phone.getByTestId("slip-answer"), "Nguyễn Văn Hùng");
    // Nothing wider than the phone's screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The link is used up.
    await phone.goto(link);
    await expectText(phone.locator("main"), "Liên kết ký phiếu không còn dùng được");
    await phoneCtx.close();

    await teacher.reload();
    await expectText(teacher.getByTestId("slip-summary"), "1 đồng ý");
    await expectText(teacher.getByTestId("slip-row").filter({ hasText: student }), "Dị ứng tôm");
    await teacherCtx.close();
  });
});
