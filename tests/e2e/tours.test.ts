// Browser: a teacher books a tour slot for a class (without JavaScript), staff confirm it, the teacher sees it
// confirmed and downloads the .ics; staff open the day sheet, which prints on one A4 page.
import SQLite from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, launchBrowser, login, openNotifications, openStaffTask, searchCatalog, startServer, type TestServer, expectText } from "../helpers/e2e";

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

/** The classes UI belongs to another issue: give the demo teacher a class of 20 by inserting rows directly. */
function createClassForDemoTeacher(email = "teacher@example.com", tag = "tour"): { className: string; teacherName: string } {
  const sqlite = new SQLite(server.databasePath);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const now = new Date().toISOString();
    const teacher = sqlite.prepare("select id, full_name from users where email = ?").get(email) as { id: number; full_name: string };
    const school = sqlite.prepare("select school_id from school_memberships where user_id = ? and status = 'approved'").get(teacher.id) as { school_id: number };
    const className = tag === "tour" ? "8A9 — Tham quan E2E" : `8A9 — ${tag}`;
    const cls = sqlite
      .prepare("insert into classes (name, school_id, grade, school_year, owner_id, created_at, updated_at) values (?, ?, 8, '2026-2027', ?, ?, ?) returning id")
      .get(className, school.school_id, teacher.id, now, now) as { id: number };
    sqlite.prepare("insert into class_teachers (class_id, teacher_id, role, created_at) values (?, ?, 'owner', ?)").run(cls.id, teacher.id, now);
    const hash = (sqlite.prepare("select password_hash from users where id = ?").get(teacher.id) as { password_hash: string }).password_hash;
    for (let i = 1; i <= 20; i++) {
      const s = sqlite
        .prepare("insert into users (username, full_name, password_hash, role, grade, created_at, updated_at) values (?, ?, ?, 'student', 8, ?, ?) returning id")
        .get(`e2e.${tag}.${i}`, `Học sinh E2E ${i}`, hash, now, now) as { id: number };
      sqlite.prepare("insert into class_members (class_id, student_id, joined_via, created_at) values (?, ?, 'teacher', ?)").run(cls.id, s.id, now);
    }
    return { className, teacherName: teacher.full_name };
  } finally {
    sqlite.close();
  }
}

/** From any page: the header's "Chương trình", keywords typed into the search form, then the tour's link. */
async function openTour(page: Page, keywords: string, title: string): Promise<void> {
  await clickNav(page, "Chương trình");
  await searchCatalog(page, keywords);
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

describe("booking an experience tour", () => {
  it("teacher books for a class → staff confirm → teacher sees it confirmed and downloads the .ics → staff print the day sheet", async () => {
    const { className } = createClassForDemoTeacher();

    // The teacher, without JavaScript: the calendar and the form are plain HTML.
    const teacherCtx = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    const teacher = await teacherCtx.newPage();
    await login(teacher, server.url, "teacher@example.com");
    await openTour(teacher, "tham quan fab lab", "Tham quan Fab Lab và trạm STEM");
    await expectText(teacher.getByRole("heading", { level: 1 }), "Tham quan Fab Lab và trạm STEM", { exact: true });
    await expect(teacher.getByText(/Còn \d+ chỗ/).count()).resolves.toBeGreaterThan(0);
    // Too few adults first: the message says how many are needed (20 students of grade 8 at 1 per 15 → 2).
    await teacher.getByLabel("Lớp đi tham quan").selectOption({ label: `${className} (20 học sinh)` });
    await teacher.getByLabel("Từ lớp").selectOption("8");
    await teacher.getByLabel("Đến lớp").selectOption("8");
    await teacher.getByLabel("Số người lớn đi kèm").fill("1");
    await teacher.getByLabel("Người liên hệ").fill("Phạm Quốc Bảo");
    await teacher.getByLabel("Số điện thoại liên hệ").fill("0903 111 222");
    const slotLabel = await teacher.getByLabel("Khung giờ").locator("option").first().textContent();
    await teacher.getByRole("button", { name: "Gửi yêu cầu đặt lịch" }).click();
    await teacher.waitForLoadState();
    await expect(teacher.getByText("Đoàn này cần ít nhất 2 người lớn đi kèm.").count()).resolves.toBe(1);
    await teacher.getByLabel("Số người lớn đi kèm").fill("2");
    await teacher.getByRole("button", { name: "Gửi yêu cầu đặt lịch" }).click();
    await teacher.waitForURL(/\/bookings\/\d+/);
    const bookingUrl = new URL(teacher.url()).pathname;
    const heading = (await teacher.getByRole("heading", { level: 1 }).textContent()) ?? "";
    const reference = heading.match(/TQ-\d{4}-\d{4}/)![0];
    await expect(teacher.getByText("Chờ xác nhận").count()).resolves.toBeGreaterThan(0);
    await expect(teacher.getByText(className).count()).resolves.toBe(1);
    await expect(teacher.locator("dd", { hasText: /^20$/ }).count()).resolves.toBeGreaterThan(0);

    // Staff confirm it from the queue.
    const staffCtx = await browser.newContext();
    const staff = await staffCtx.newPage();
    await login(staff, server.url, "staff@example.com");
    await openStaffTask(staff, "Lượt đặt lịch");
    await staff.getByRole("button", { name: `Xác nhận ${reference}` }).click();
    await staff.waitForURL(/notice=notice\.bookings\.updated/);
    await staff.getByRole("button", { name: `Xác nhận ${reference}` }).waitFor({ state: "detached" });
    expect(await staff.locator("main").textContent()).not.toContain(reference);

    // The teacher gets a notification, opens the booking from it, sees it confirmed and downloads the calendar file.
    await openNotifications(teacher);
    const notice = teacher.getByRole("listitem").filter({ hasText: `Lượt đặt lịch ${reference} đã được xác nhận.` });
    await expect(notice.count()).resolves.toBe(1);
    await notice.getByRole("link", { name: "Xem" }).click();
    expect(new URL(teacher.url()).pathname).toBe(bookingUrl);
    await expect(teacher.getByText("Đã xác nhận").count()).resolves.toBeGreaterThan(0);
    const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("link", { name: "Thêm vào lịch (.ics)" }).click()]);
    expect(download.suggestedFilename()).toBe(`${reference}.ics`);
    const ics = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(reference);
    await clickNav(teacher, "Lượt đặt lịch");
    await expect(teacher.getByRole("row", { name: new RegExp(reference) }).getByText("Đã xác nhận").count()).resolves.toBe(1);

    // Staff open the day sheet of that date and it fits one A4 page when printed.
    const dateMatch = slotLabel!.match(/(\d{2})\/(\d{2})\/(\d{4})/)!;
    const date = `${dateMatch[3]}-${dateMatch[2]}-${dateMatch[1]}`;
    expect(new URL(staff.url()).pathname).toBe("/staff/bookings");
    await staff.getByLabel("Bảng ngày").fill(date);
    await staff.getByRole("button", { name: "Xem" }).click();
    await staff.waitForURL(/\/staff\/bookings\/day\?date=/);
    await expectText(staff.getByRole("heading", { level: 1 }), `${dateMatch[1]}/${dateMatch[2]}/${dateMatch[3]}`);
    await expect(staff.getByRole("cell", { name: reference, exact: true }).count()).resolves.toBe(1);
    await expect(staff.getByRole("cell", { name: "Trường THCS Chu Văn An" }).count()).resolves.toBeGreaterThan(0);
    await staff.emulateMedia({ media: "print" });
    expect(await staff.locator('header[role="banner"]').isVisible()).toBe(false);
    const pdf = (await staff.pdf({ format: "A4", printBackground: false })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

    await teacherCtx.close();
    await staffCtx.close();
  });

  for (const mode of [
    { js: true, width: 390 },
    { js: false, width: 1280 },
  ] as const) {
    it(`a teacher picks a class: size, grade and contact are filled, the form restates the slot and the fee, then books (JS ${mode.js ? "on" : "off"}, ${mode.width} px)`, async () => {
      const tag = `prefill-${mode.js ? "js" : "nojs"}`;
      const { className, teacherName } = createClassForDemoTeacher("teacher2@example.com", tag);
      const ctx = await browser.newContext({ javaScriptEnabled: mode.js, viewport: { width: mode.width, height: 900 } });
      const page = await ctx.newPage();
      await login(page, server.url, "teacher2@example.com");
      await page.goto(`${server.url}/tours/tham-quan-fab-lab-va-tram-stem`);
      await page.getByRole("heading", { name: "Đặt lịch cho đoàn của trường" }).waitFor();
      if (mode.js) await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
      // A slot that is not the first one, chosen in the form (each mode its own: the same teacher books both).
      const slotSelect = page.getByLabel("Khung giờ", { exact: true });
      const options = slotSelect.locator("option");
      const pick = Math.min(mode.js ? 1 : 2, (await options.count()) - 1);
      const slotId = (await options.nth(pick).getAttribute("value"))!;
      const slotDate = (await options.nth(pick).textContent())!.match(/\d{2}\/\d{2}\/\d{4}/)![0];
      await slotSelect.selectOption(slotId);
      await page.getByLabel("Lớp đi tham quan").selectOption({ label: `${className} (20 học sinh)` });
      await page.getByRole("button", { name: "Dùng lớp này" }).click();
      await page.getByText(`Đã điền theo lớp ${className}: 20 học sinh, lớp 8.`).waitFor();
      // Filled from the class and the profile; the chosen slot is kept.
      expect(await page.getByLabel("Số học sinh").inputValue()).toBe("20");
      expect(await page.getByLabel("Từ lớp").inputValue()).toBe("8");
      expect(await page.getByLabel("Đến lớp").inputValue()).toBe("8");
      expect(await page.getByLabel("Người liên hệ").inputValue()).toBe(teacherName);
      expect(await slotSelect.inputValue()).toBe(slotId);
      // The summary above the button: the date and the time range of the slot, and the fee for 20 (30.000 ₫ each).
      const summary = page.getByTestId("booking-summary");
      await expectText(summary, "Bạn đang đặt: ");
      await expectText(summary, slotDate);
      await expectText(summary, /\d{2}:\d{2}–\d{2}:\d{2}/);
      await expectText(summary, /Phí: 600\.000\s₫ \(20 học sinh × 30\.000\s₫\)/);
      if (mode.js) {
        // With JavaScript the fee follows the student count as it is typed.
        await page.getByLabel("Số học sinh").fill("25");
        await expectText(summary, /Phí: 750\.000\s₫ \(25 học sinh × 30\.000\s₫\)/);
        await page.getByLabel("Số học sinh").fill("20");
      }
      if (mode.width <= 390) {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(wide).toBe(false);
      }
      await page.getByLabel("Số người lớn đi kèm").fill("2");
      await page.getByLabel("Số điện thoại liên hệ").fill("0903 444 555");
      await page.getByRole("button", { name: "Gửi yêu cầu đặt lịch" }).click();
      await page.waitForURL(/\/bookings\/\d+/);
      const bookingId = Number(new URL(page.url()).pathname.split("/").pop());
      const sqlite = new SQLite(server.databasePath, { readonly: true });
      try {
        const row = sqlite.prepare("select slot_id, students, grade_min, grade_max, contact_name from tour_bookings where id = ?").get(bookingId) as Record<string, unknown>;
        expect(row).toMatchObject({ slot_id: Number(slotId), students: 20, grade_min: 8, grade_max: 8, contact_name: teacherName });
      } finally {
        sqlite.close();
      }
      await ctx.close();
    });
  }

  it("with JavaScript on, the slot clicked in the calendar (not the month's first) is the slot booked", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await login(page, server.url, "teacher2@example.com");
    await openTour(page, "khong gian khoi nghiep", "Trải nghiệm không gian khởi nghiệp");
    await page.getByRole("heading", { name: "Đặt lịch cho đoàn của trường" }).waitFor();
    // Wait for hydration so the calendar link is a client-side navigation (the case that was broken).
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
    const links = page.locator("[data-slot-id] a");
    const count = await links.count();
    expect(count).toBeGreaterThan(1);
    const target = links.nth(count - 1);
    const slotId = await target.locator("xpath=..").getAttribute("data-slot-id");
    const firstOption = await page.getByLabel("Khung giờ", { exact: true }).inputValue();
    expect(firstOption).not.toBe(slotId);
    await target.click();
    await page.waitForURL(new RegExp(`slot=${slotId}`));
    await expect.poll(() => page.getByLabel("Khung giờ", { exact: true }).inputValue()).toBe(slotId);
    await page.getByLabel("Số học sinh").fill("30");
    await page.getByLabel("Từ lớp").selectOption("8");
    await page.getByLabel("Đến lớp").selectOption("8");
    await page.getByLabel("Số người lớn đi kèm").fill("2");
    await page.getByLabel("Người liên hệ").fill("Huỳnh Thị Mai Anh");
    await page.getByLabel("Số điện thoại liên hệ").fill("0918 777 888");
    await page.getByRole("button", { name: "Gửi yêu cầu đặt lịch" }).click();
    await page.waitForURL(/\/bookings\/\d+/);
    const bookingId = Number(new URL(page.url()).pathname.split("/").pop());
    const sqlite = new SQLite(server.databasePath, { readonly: true });
    try {
      const row = sqlite.prepare("select slot_id from tour_bookings where id = ?").get(bookingId) as { slot_id: number };
      expect(String(row.slot_id)).toBe(slotId);
    } finally {
      sqlite.close();
    }
    await ctx.close();
  });

  it("a new teacher asks to join a school, cannot book while pending, the coordinator approves, then the form appears", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const email = `giao.vien.${Date.now()}@example.vn`;
    await page.goto(`${server.url}/`);
    await page.getByRole("banner").getByRole("link", { name: "Tạo tài khoản" }).click();
    await page.waitForURL((u) => u.pathname === "/signup");
    await page.getByLabel("Họ và tên").fill("Trần Thị Ngọc Hân");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Mật khẩu").fill("ngay-mai-troi-lai-sang");
    await page.getByLabel("Bạn là").selectOption("teacher");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.waitForURL(`${server.url}/dashboard`);
    await clickNav(page, "Trường của tôi");
    await page.getByLabel("Trường", { exact: true }).selectOption({ label: "Trường THCS Chu Văn An — Thành phố Thủ Dầu Một" });
    await page.getByRole("button", { name: "Gửi yêu cầu tham gia" }).click();
    await page.waitForURL(/notice=notice\.schools\.requested/);
    await page.getByText("Chờ duyệt", { exact: true }).waitFor();
    await expect(page.getByText("bạn chưa thể đặt lịch cho đến khi được duyệt").count()).resolves.toBe(1);
    await openTour(page, "tham quan fab lab", "Tham quan Fab Lab và trạm STEM");
    await expect(page.getByText("Yêu cầu tham gia trường của bạn đang chờ duyệt.", { exact: false }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Gửi yêu cầu đặt lịch" }).count()).resolves.toBe(0);

    const coordCtx = await browser.newContext();
    const coord = await coordCtx.newPage();
    await login(coord, server.url, "coordinator@example.com");
    await clickNav(coord, "Trường của tôi");
    await coord.getByRole("button", { name: "Duyệt: Trần Thị Ngọc Hân" }).click();
    await coord.waitForURL(/notice=notice\.schools\.decided/);
    await coord.getByText("Trần Thị Ngọc Hân · Giáo viên").waitFor();

    // The teacher, still on the tour's page, reloads it: the booking form is there now.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Tham quan Fab Lab và trạm STEM" }).waitFor();
    await expect(page.getByRole("button", { name: "Gửi yêu cầu đặt lịch" }).count()).resolves.toBe(1);
    await openNotifications(page);
    await expect(page.getByText("Bạn đã được duyệt là thành viên của Trường THCS Chu Văn An.").count()).resolves.toBe(1);
    await ctx.close();
    await coordCtx.close();
  });

  it("staff preview and create recurring time slots for a tour", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, server.url, "staff@example.com");
    await openStaffTask(page, "Tham quan & khung giờ");
    await page.locator("li", { hasText: "Trải nghiệm không gian khởi nghiệp" }).getByRole("link", { name: "Quản lý" }).click();
    await page.waitForURL(/\/staff\/tours\/\d+$/);
    const start = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Tạo khung giờ định kỳ" }) });
    await form.getByLabel("Bắt đầu từ ngày").fill(start);
    await form.getByLabel("Số tuần").fill("2");
    await form.getByLabel("Giờ bắt đầu (cách nhau bởi dấu phẩy)").fill("09:00");
    await form.getByRole("button", { name: "Xem trước" }).click();
    await page.getByText("Sẽ tạo 8 khung giờ").waitFor();
    await form.getByRole("button", { name: "Tạo các khung giờ" }).click();
    await page.waitForURL(/notice=notice\.tours\.slotsGenerated/);
    await page.getByText("Đã tạo các khung giờ định kỳ.").waitFor();
    await ctx.close();
  });
});
