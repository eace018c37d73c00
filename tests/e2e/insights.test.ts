// Browser: staff open the insights, change the period, read a chart's table, download its CSV and the quarterly
// PDF, and axe-core finds no serious violation on it or on the staff home (today's work) in either language; a
// coordinator opens their school's report, downloads a CSV and prints it; on a phone the header is one menu
// button that opens the links, with and without JavaScript.
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

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa"],
    }),
  );
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} at ${v.nodes[0]?.target.join(" ")}`);
}

describe("staff insights in the browser", () => {
  it("opens the dashboard, changes the range, reads a chart's table and downloads its CSV", async () => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, server.url, "staff@example.com");
    await openStaffTask(page, "Số liệu hoạt động");
    await expectText(page.locator("h1"), "Số liệu hoạt động");
    expect(await page.locator("[data-figure]").count()).toBe(8);
    const quarterLabel = await page.locator("main p.font-semibold").first().textContent();

    // This month instead of this quarter.
    await page.locator("select[name=range]").selectOption("month");
    await Promise.all([page.waitForURL((u) => u.searchParams.get("range") === "month"), page.getByRole("button", { name: "Xem số liệu" }).click()]);
    await expect.poll(() => page.locator("main p.font-semibold").first().textContent()).not.toBe(quarterLabel);
    // The chart is an image with a title, and its numbers are in the table under it (one row per week).
    const weekly = page.locator("#chart-weekly");
    expect(await weekly.locator("svg[role=img] title").textContent()).toBe("Đăng ký và có mặt theo tuần");
    const weeks = await weekly.locator("table tbody tr").count();
    expect(weeks).toBeGreaterThanOrEqual(4);
    expect(weeks).toBeLessThanOrEqual(6);
    expect(await weekly.locator("table thead th").allTextContents()).toEqual(["Tuần bắt đầu", "Đăng ký", "Có mặt", "Đã điểm danh"]);

    // The CSV of that chart, for the same range.
    const [download] = await Promise.all([page.waitForEvent("download"), weekly.getByRole("link", { name: /Tải CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^insights-weekly-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r\n/);
    expect(lines[0]).toBe("Tuần bắt đầu,Đăng ký,Có mặt,Đã điểm danh");
    expect(lines).toHaveLength(weeks + 1);

    // A custom range in the wrong order is a message next to the field, not an error page.
    await page.getByRole("combobox", { name: "Khoảng thời gian" }).selectOption({ label: "Tùy chọn" });
    await page.getByLabel("Từ ngày").fill("2026-12-31");
    await page.getByLabel("Đến ngày").fill("2026-10-01");
    await Promise.all([page.waitForURL((u) => u.searchParams.get("range") === "custom"), page.getByRole("button", { name: "Xem số liệu" }).click()]);
    await expectText(page.locator(".field-error"), "Ngày kết thúc phải sau ngày bắt đầu.");
    await context.close();
  });

  it("downloads the quarterly report as a PDF from the insights page", async () => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, server.url, "staff@example.com");
    await openStaffTask(page, "Số liệu hoạt động");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Xuất báo cáo quý (PDF)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString()).toBe("%PDF-");
    await Promise.all([page.waitForURL((u) => u.pathname === "/staff/insights/report"), page.getByRole("link", { name: "Trang in báo cáo quý" }).click()]);
    await expectText(page.locator("h1"), "Báo cáo hoạt động quý");
    await expectText(page.locator("#by-program"), "Theo chương trình");
    await context.close();
  });

  it("a coordinator opens their school's report, downloads its CSV and prints it on A4", async () => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, server.url, "coordinator@example.com");
    await clickNav(page, "Trường của tôi");
    await Promise.all([page.waitForURL((u) => u.pathname === "/school/report"), page.getByRole("link", { name: /Báo cáo hoạt động của trường/ }).click()]);
    await expectText(page.locator("h1"), "Báo cáo của trường");
    await expectText(page.locator(".report-sheet h2").first(), "Báo cáo hoạt động — ");
    expect(await page.locator("[data-figure]").count()).toBe(7);
    await page.locator("select[name=range]").selectOption("year");
    await Promise.all([page.waitForURL((u) => u.searchParams.get("range") === "year"), page.getByRole("button", { name: "Xem số liệu" }).click()]);
    const programs = page.locator("#school-programs");
    const [download] = await Promise.all([page.waitForEvent("download"), programs.getByRole("link", { name: /Tải CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^school-\d+-programs-\d{4}-09-01-\d{4}-08-31\.csv$/);
    const lines = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trim().split(/\r\n/);
    expect(lines[0]).toBe("Chương trình,Loại,Học sinh,Chỗ đã nhận,Có mặt,Đã điểm danh,Hoàn thành,Chứng nhận,Khách tham quan");
    expect(lines.length - 1).toBe(await programs.locator("table tbody tr").count());
    // Printed: no header, no period form, the report itself.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator('header[role="banner"]').isVisible()).toBe(false);
    expect(await page.locator("main form[method=get]").isVisible()).toBe(false);
    expect(await page.locator(".report-sheet").isVisible()).toBe(true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // Another school's report is refused.
    const other = await page.goto(`${server.url}/school/report?school=2`);
    expect(other?.status()).toBe(403);
    await context.close();
  });

  it.each([true, false])("on a 390 px phone the header is one menu button that opens the links (JavaScript %s)", async (javaScriptEnabled) => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, javaScriptEnabled });
    const page = await context.newPage();
    await login(page, server.url, "staff@example.com");
    await page.goto(`${server.url}/staff/insights`);
    const menu = page.getByRole("banner").locator("summary");
    expect(await menu.isVisible()).toBe(true);
    expect((await menu.textContent())?.trim()).toBe("Trình đơn");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.locator('form[action="/logout"] button').isVisible()).toBe(false);
    // The header is one line: the name and the button.
    const header = await page.getByRole("banner").boundingBox();
    expect(header!.height).toBeLessThan(80);
    await menu.click();
    expect(await nav.isVisible()).toBe(true);
    expect(await nav.getByRole("link", { name: "Quản lý" }).isVisible()).toBe(true);
    expect(await page.locator('form[action="/logout"] button').isVisible()).toBe(true);
    await Promise.all([page.waitForURL((u) => u.pathname === "/staff"), nav.getByRole("link", { name: "Quản lý" }).click()]);
    await expectText(page.locator("h1"), "Quản lý");
    // On a wide screen there is no menu button and the links show as before.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.getByRole("banner").locator("summary").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).isVisible()).toBe(true);
    await context.close();
  });

  it("has no serious accessibility violation in Vietnamese or in English", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await login(page, server.url, "admin@example.com");
    await page.goto(`${server.url}/staff`);
    await expectText(page.locator("#today-heading"), "Việc hôm nay");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/staff/insights?range=year`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/school/report?school=1&range=year`);
    await expectText(page.locator("h1"), "Báo cáo của trường");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/staff/insights/report`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/staff/insights?range=year`);
    await Promise.all([page.waitForURL((u) => u.pathname === "/staff/insights"), page.locator('form[action="/language"] button').click()]);
    await expectText(page.locator("h1"), "Insights");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/staff`);
    await expectText(page.locator("#today-heading"), "Today's work");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/school/report?school=1`);
    await expectText(page.locator("h1"), "School report");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/staff/insights`);
    // Back to Vietnamese for the other tests using this demo account.
    await Promise.all([page.waitForURL((u) => u.pathname === "/staff/insights"), page.locator('form[action="/language"] button').click()]);
    await context.close();
  });
});
