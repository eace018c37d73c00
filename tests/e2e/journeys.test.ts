// Issue 19: the main journeys walked like a new user, JavaScript on and off, phone (390 px) and desktop (1280 px).
// Each asserts where the user lands, what the page says, that no journey page scrolls sideways on a phone, and
// counts the clicks (typing into fields is not a click).
import SQLite from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectText, launchBrowser, login, startServer, type TestServer } from "../helpers/e2e";

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

const MODES = [
  { js: true, width: 390 },
  { js: false, width: 390 },
  { js: true, width: 1280 },
  { js: false, width: 1280 },
] as const;

async function open(mode: { js: boolean; width: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: mode.js, viewport: { width: mode.width, height: 800 } });
  return { context, page: await context.newPage() };
}

/** The page is no wider than the viewport (nothing makes it scroll sideways). */
export async function expectNoSideScroll(page: Page) {
  const { scroll, inner, path } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    path: location.pathname,
  }));
  expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(inner);
}

/** Counts the clicks of a journey, and checks each page it reaches for sideways scrolling on a phone. */
function clicker(page: Page, width: number) {
  let clicks = 0;
  return {
    get count() {
      return clicks;
    },
    async click(locator: import("playwright-core").Locator, waitForUrl?: RegExp) {
      clicks += 1;
      await Promise.all([waitForUrl ? page.waitForURL(waitForUrl) : Promise.resolve(), locator.click()]);
      if (width <= 390) await expectNoSideScroll(page);
    },
  };
}

let n = 0;

describe("anonymous visitor → registered session", () => {
  for (const mode of MODES) {
    it(`signs up from the session card and lands back on it, registers, sees the confirmation (JS ${mode.js ? "on" : "off"}, ${mode.width} px)`, async () => {
      const { context, page } = await open(mode);
      await page.goto(`${server.url}/workshops/robot-co-ban`);
      if (mode.width <= 390) await expectNoSideScroll(page);
      const c = clicker(page, mode.width);
      const card = page.locator('article[data-testid^="session-"]').first();
      const sessionId = (await card.getAttribute("data-testid"))!.replace("session-", "");
      const firstMeeting = (await card.locator("li").first().textContent())!.trim();
      await c.click(card.getByTestId("login-to-register"), /\/login\?redirectTo=/);
      await c.click(page.locator("main").getByRole("link", { name: "Tạo tài khoản", exact: true }), /\/signup\?redirectTo=/);
      await page.getByLabel("Họ và tên").fill("Phạm Minh Khang");
      await page.getByLabel("Email").fill(`khang.${Date.now()}.${++n}@example.vn`);
      await page.getByLabel("Mật khẩu").fill("ngay-mai-troi-lai-sang");
      await page.getByLabel("Lớp (học sinh)").selectOption("8");
      await page.getByLabel("Năm sinh (học sinh)").fill("2012");
      await c.click(page.getByRole("button", { name: "Tạo tài khoản" }), /\/workshops\/robot-co-ban/);
      // Back on the same session card, with its register button in reach.
      expect(new URL(page.url()).hash).toBe(`#session-${sessionId}`);
      const again = page.getByTestId(`session-${sessionId}`);
      await c.click(again.getByRole("button", { name: "Đăng ký" }), /\/registrations\/\d+\?outcome=now/);
      await page.getByText("Bạn đã đăng ký thành công").waitFor();
      await expectText(page.getByTestId("confirmation-when"), firstMeeting);
      await expectText(page.getByTestId("confirmation-where"), "Gò Vấp");
      expect(await page.getByRole("link", { name: "Thêm vào lịch (.ics)" }).getAttribute("href")).toMatch(/^\/schedule\/\d+\.ics$/);
      expect(c.count).toBe(4);
      await context.close();
    });
  }
});

describe("cancelling a registration has a confirm step", () => {
  for (const mode of MODES) {
    it(`says what happens next, and cancels only when confirmed (JS ${mode.js ? "on" : "off"}, ${mode.width} px)`, async () => {
      const { context, page } = await open(mode);
      await login(page, server.url, "student2@example.com");
      await page.goto(`${server.url}/workshops/robot-co-ban`);
      const c = clicker(page, mode.width);
      // A session with a free seat.
      const withSeat = page.locator('article[data-testid^="session-"]').filter({ has: page.getByRole("button", { name: "Đăng ký", exact: true }) }).first();
      const card = page.getByTestId((await withSeat.getAttribute("data-testid"))!);
      await c.click(card.getByRole("button", { name: "Đăng ký", exact: true }), /\/registrations\/\d+\?outcome=now/);
      await expectText(page.getByTestId("confirmation-pay"), "Miễn phí.");
      await c.click(page.getByRole("link", { name: "Hủy đăng ký" }), /\/registrations\/\d+\/cancel$/);
      await page.getByTestId("what-happens-next").waitFor();
      // "No, keep it" keeps it.
      await c.click(page.getByRole("link", { name: "Không, giữ đăng ký" }), /\/registrations\/\d+$/);
      await expectText(page.getByTestId("registration-status"), "Đã xác nhận", { exact: true });
      await c.click(page.getByRole("link", { name: "Hủy đăng ký" }), /\/registrations\/\d+\/cancel$/);
      await c.click(page.getByRole("button", { name: "Có, hủy đăng ký" }), /\/workshops\/robot-co-ban\?notice=/);
      await page.getByText("Đã hủy đăng ký.").waitFor();
      await context.close();
    });
  }
});

/** Every button-like control inside `scope` is visible and lies within the viewport's width. */
async function expectControlsInReach(page: Page, scope: import("playwright-core").Locator, width: number) {
  const controls = scope.locator("a.btn, a.btn-secondary, a.btn-outline-danger, button:visible");
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const box = await controls.nth(i).boundingBox();
    expect(box, `control ${i} is shown`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  }
}

describe("phone layouts (390 px)", () => {
  for (const js of [true, false]) {
    it(`/schedule shows each registration as a card with its buttons in reach (JS ${js ? "on" : "off"})`, async () => {
      const { context, page } = await open({ js, width: 390 });
      await login(page, server.url, "student@example.com");
      await page.goto(`${server.url}/schedule`);
      await expectNoSideScroll(page);
      const rows = page.locator('tr[data-testid^="schedule-"]');
      expect(await rows.count()).toBeGreaterThan(0);
      // A card: the row is a block, its cells stacked (the header row is only visually hidden).
      expect(await rows.first().evaluate((el) => getComputedStyle(el).display)).toBe("block");
      for (let i = 0; i < (await rows.count()); i++) await expectControlsInReach(page, rows.nth(i), 390);
      await context.close();
    });

    it(`the staff session form shows one meeting row and "Thêm buổi gặp" adds one, keeping what was typed (JS ${js ? "on" : "off"})`, async () => {
      const { context, page } = await open({ js, width: 390 });
      await login(page, server.url, "staff@example.com");
      const sqlite = new SQLite(server.databasePath, { readonly: true });
      const program = sqlite.prepare("select id from programs where kind = 'workshop' order by id limit 1").get() as { id: number };
      sqlite.close();
      const newSession = `/staff/sessions/new?programId=${program.id}`;
      await page.goto(`${server.url}${newSession}`);
      if (js) await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
      await expectNoSideScroll(page);
      const rows = page.getByTestId("meeting-row");
      expect(await rows.count()).toBe(1);
      await page.getByLabel("Phòng", { exact: true }).fill("Phòng Robotics");
      await page.getByLabel("Ngày (buổi 1)").fill("2027-03-06");
      await page.getByLabel("Bắt đầu (buổi 1)").fill("08:00");
      await page.getByRole("button", { name: "Thêm buổi gặp" }).click();
      await expect.poll(() => rows.count()).toBe(2);
      expect(await page.getByLabel("Ngày (buổi 1)").inputValue()).toBe("2027-03-06");
      expect(await page.getByLabel("Bắt đầu (buổi 1)").inputValue()).toBe("08:00");
      expect(await page.getByLabel("Phòng", { exact: true }).inputValue()).toBe("Phòng Robotics");
      expect(await page.getByLabel("Ngày (buổi 2)").inputValue()).toBe("");
      await expectNoSideScroll(page);
      await expectControlsInReach(page, page.locator("main form").first(), 390);
      await context.close();
    });
  }
});
