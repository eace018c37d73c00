// The fab lab in the browser, without JavaScript: the demo student lacks the laser induction, sees why and the
// link to the course, completes it (the certificate is issued automatically), books the laser cutter, downloads
// the .ics; staff check her in on the day sheet.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, expectText, launchBrowser, login, openStaffTask, startServer, type TestServer } from "../helpers/e2e";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

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

async function submit(page: Page, target: ReturnType<Page["locator"]>) {
  await Promise.all([page.waitForNavigation(), target.click()]);
}

/** Monday of next week in Vietnam (always has open slots, whatever the hour the test runs). */
function nextMonday(): string {
  const local = new Date(Date.now() + 7 * 3_600_000);
  const w = local.getUTCDay() || 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - w + 8)).toISOString().slice(0, 10);
}

/** From any page: the header's "Xưởng chế tạo" (unless there), the laser cutter's card, then "Tuần sau". */
async function openLaserNextWeek(page: Page): Promise<void> {
  if (new URL(page.url()).pathname !== "/lab") await clickNav(page, "Xưởng chế tạo");
  await submit(page, page.getByTestId("equipment-may-cat-laser").getByRole("heading").getByRole("link"));
  expect(new URL(page.url()).pathname).toBe("/lab/may-cat-laser");
  await submit(page, page.getByRole("link", { name: /^Tuần sau/ }));
  expect(new URL(page.url()).searchParams.get("week")).toBe(nextMonday());
}

describe("the fab lab", () => {
  it("a student without the induction sees why, completes it, books the laser cutter and gets the .ics; staff check her in", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, server.url, "student@example.com");

    // The public equipment list says which training unlocks the laser cutter.
    await clickNav(page, "Xưởng chế tạo");
    await expectText(page.getByTestId("equipment-may-cat-laser"), "Hướng dẫn sử dụng máy cắt laser");

    // Refused, with the reason and the way forward.
    await openLaserNextWeek(page);
    const why = page.getByTestId("eligibility");
    await expectText(why, "Cần chứng chỉ: Hướng dẫn sử dụng máy cắt laser — đăng ký khoá học");
    await expect(page.getByRole("button", { name: /^Đặt \d\d:\d\d ngày/ }).count()).resolves.toBe(0);
    await submit(page, why.getByRole("link", { name: "đăng ký khoá học" }));
    expect(new URL(page.url()).pathname).toBe("/courses/huong-dan-may-cat-laser");
    await expectText(page.locator("main"), "Máy cắt laser CO2 60W");

    // The one-lesson induction: enrol, read, mark done → completed, certificate issued automatically.
    await submit(page, page.getByRole("button", { name: "Ghi danh ngay" }));
    await submit(page, page.getByRole("link", { name: "Bắt đầu học" }));
    await submit(page, page.getByRole("button", { name: "Hoàn thành & kết thúc khóa học" }));
    expect(new URL(page.url()).pathname).toBe("/learn/huong-dan-may-cat-laser/finish");
    await expect(page.getByText("Chúc mừng! Bạn đã hoàn thành khóa học.").count()).resolves.toBeGreaterThan(0);
    await clickNav(page, "Chứng nhận");
    await expectText(page.locator("main"), "Hướng dẫn sử dụng máy cắt laser");

    // Now the laser cutter is bookable: the first free slot of next week.
    await openLaserNextWeek(page);
    await expect(page.getByTestId("eligibility").count()).resolves.toBe(0);
    const slot = page.locator('form:has(input[name="intent"][value="book"]):has(input[name="startsAt"])').first();
    const startsAt = (await slot.locator('input[name="startsAt"]').getAttribute("value"))!;
    await submit(page, slot.getByRole("button"));
    expect(new URL(page.url()).pathname).toBe("/lab/bookings");
    await expectText(page.locator("main"), "Đã đặt lịch.");
    // The redirect names the new booking's row.
    const bookingId = new URL(page.url()).hash.replace("#booking-", "");
    const row = page.getByTestId(`lab-booking-${bookingId}`);
    await expectText(row, "Máy cắt laser CO2 60W");
    const ics = await context.request.get(`${server.url}${await row.getByRole("link", { name: "Tải .ics" }).getAttribute("href")}`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const body = await ics.text();
    expect(body).toContain("BEGIN:VEVENT");
    expect(body).toContain(`DTSTART:${startsAt.replace(/[-:]/g, "").slice(0, 15)}Z`);

    // Staff: the day sheet of that day, check in.
    const staffContext = await browser.newContext({ javaScriptEnabled: false });
    const staff = await staffContext.newPage();
    await login(staff, server.url, "staff@example.com");
    const day = new Date(Date.parse(startsAt) + 7 * 3_600_000).toISOString().slice(0, 10);
    // The hub's "Xưởng chế tạo", its "Sổ trong ngày" (today), then "Ngày sau" until that day (at most two weeks).
    await openStaffTask(staff, "Xưởng chế tạo");
    await submit(staff, staff.getByRole("main").getByRole("link", { name: "Sổ trong ngày", exact: true }));
    for (let i = 0; i < 15 && (new URL(staff.url()).searchParams.get("date") ?? "") < day; i++) {
      await submit(staff, staff.getByRole("link", { name: /^Ngày sau/ }));
    }
    // (The booking is next week, so never today: the loop clicks at least once.)
    expect(new URL(staff.url()).searchParams.get("date")).toBe(day);
    const entry = staff.locator("li[data-testid^='sheet-']", { hasText: "Nguyễn Thị Phương Thảo" }).first();
    await submit(staff, entry.getByRole("button", { name: "Đã đến" }));
    await expectText(staff.locator("li[data-testid^='sheet-']", { hasText: "Nguyễn Thị Phương Thảo" }).first().locator(".badge"), "Đã đến", { exact: true });
    // In English too.
    await submit(staff, staff.getByRole("button", { name: "Switch to English" }));
    await expectText(staff.getByRole("heading", { level: 1 }), "Lab sheet for");
    await staffContext.close();
    await context.close();
  });

  it("the lab pages have no serious accessibility violations (axe-core, WCAG 2 A/AA)", async () => {
    const found: string[] = [];
    for (const [who, paths] of [
      [null, ["/lab", "/lab/may-cat-laser", "/lab/phong-hop-sang-tao", "/courses/huong-dan-may-cat-laser"]],
      ["coordinator@example.com", ["/lab/phong-hop-sang-tao", "/lab/bookings"]],
      ["student@example.com", ["/lab/may-in-3d-1", "/lab/bookings"]],
      ["staff@example.com", ["/staff/lab", "/staff/lab/resources/new", "/staff/lab/resources/1", "/staff/lab/sheet", "/staff/lab/requests"]],
    ] as const) {
      // axe is injected as a script: this context bypasses the page's CSP (the app's own scripts are unaffected).
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      if (who) await login(page, server.url, who);
      for (const path of paths) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBeLessThan(400);
        await page.evaluate(axeSource);
        const result = await page.evaluate(() =>
          (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
            runOnly: ["wcag2a", "wcag2aa"],
          }),
        );
        for (const v of result.violations) {
          if (v.impact === "serious" || v.impact === "critical") found.push(`${path}: ${v.id} (${v.impact}) at ${v.nodes[0]?.target.join(" ")}`);
        }
      }
      await context.close();
    }
    expect(found).toEqual([]);
  });
});
