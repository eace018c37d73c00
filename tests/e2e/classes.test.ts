import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, logout, startServer, type TestServer, expectText } from "../helpers/e2e";

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

/** Reads the server's demo database (read-only) to pick an open course and a session with room. */
function pick<T>(sql: string): T {
  const file = new SQLite(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return file.prepare(sql).get() as T;
  } finally {
    file.close();
  }
}

describe("a teacher's class, from nothing to the progress matrix", () => {
  it("creates a class, makes 5 accounts, prints cards; a student logs in with a username and joins a course; the class is registered for a session", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, "teacher@example.com");

    // 1. A new class.
    await page.goto(`${server.url}/classes/new`);
    await page.getByLabel("Tên lớp").fill("9A2 — CLB Khoa học");
    await page.getByLabel("Khối lớp").fill("9");
    await page.getByRole("button", { name: "Tạo lớp" }).click();
    await page.waitForURL(/\/classes\/\d+\?notice=/);
    const classUrl = page.url().split("?")[0];
    await expectText(page.getByRole("heading", { level: 1 }), "9A2 — CLB Khoa học");
    await expectText(page.getByTestId("join-code"), /^[A-HJKMNP-Z2-9]{8}$/);

    // 2. Five accounts from pasted names; the cards show once.
    await page.getByRole("link", { name: "Tạo tài khoản" }).first().click();
    await page.waitForURL(/\/accounts\/bulk$/);
    await page.getByLabel("Danh sách họ tên").fill(
      ["Nguyễn Thị Phương Thảo, 2011", "Trần Đức Việt, 2011", "Lê Hoàng Yến", "Phạm Minh Đức", "Võ Ngọc Ánh"].join("\n"),
    );
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.getByTestId("login-cards").waitFor();
    expect(await page.getByTestId("login-card").count()).toBe(5);
    const username = (await page.getByTestId("card-username").first().textContent())!.trim();
    const password = (await page.getByTestId("card-password").first().textContent())!.trim();
    expect(username).toMatch(/^thao\.ntp\d*$/);
    expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
    await expect(page.getByText("Đã tạo 5 tài khoản.").count()).resolves.toBe(1);
    // Printing shows only the cards: the header, the class tabs and the notices are hidden.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator('header[role="banner"]').isVisible()).toBe(false);
    expect(await page.getByTestId("login-card").first().isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "In thẻ" }).isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    // The roster lists them; the password is nowhere once we leave the card page.
    await page.goto(`${classUrl}/members`);
    await expect(page.getByRole("link", { name: "Nguyễn Thị Phương Thảo" }).count()).resolves.toBe(1);
    expect(await page.content()).not.toContain(password);
    await logout(page);

    // 3. The student logs in with the username from the card and enrols in an open course.
    const course = pick<{ slug: string }>(
      "select p.slug from programs p join courses c on c.program_id = p.id where p.status = 'published' and c.enrolment_mode = 'open' and c.prerequisite_program_id is null order by p.id limit 1",
    );
    expect(course, "the demo data has an open course").toBeTruthy();
    await login(page, server.url, username, password);
    await page.goto(`${server.url}/courses/${course.slug}`);
    await page.getByRole("button", { name: "Ghi danh ngay" }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/learn/${course.slug}`));
    await logout(page);

    // 4. The teacher registers the class for a session with room for everyone and sees the matrix.
    const session = pick<{ id: number }>(
      "select s.id from workshop_sessions s join programs p on p.id = s.program_id where s.status = 'scheduled' and p.status = 'published' and s.starts_at > strftime('%Y-%m-%dT%H:%M:%fZ','now') and s.capacity - s.confirmed_count >= 5 order by s.starts_at limit 1",
    );
    await login(page, server.url, "teacher@example.com");
    await page.goto(`${classUrl}/enrol`);
    await page.getByLabel("Buổi học").selectOption(String(session.id));
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.getByText("Đã đăng ký 5 học sinh").waitFor();
    await page.getByRole("link", { name: "Tiến độ" }).click();
    await page.waitForURL(/\/progress$/);
    const matrix = page.getByTestId("progress-matrix");
    await matrix.waitFor();
    expect(await matrix.locator("tbody tr").count()).toBe(5);
    expect(await matrix.getByText("Đã đăng ký").count()).toBe(5);
    // Sorted by given name: Ánh, Đức, Thảo, Việt, Yến.
    const names = await matrix.locator("tbody th").allTextContents();
    expect(names).toEqual(["Võ Ngọc Ánh", "Phạm Minh Đức", "Nguyễn Thị Phương Thảo", "Trần Đức Việt", "Lê Hoàng Yến"]);
    // The CSV export answers with the same rows.
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), `${classUrl}/progress.csv`);
    expect(csv).toContain("Nguyễn Thị Phương Thảo");
    await context.close();
  });

  it("a student joins with the code at /join; a student and a non-teaching coordinator are refused the class page (403)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, "teacher@example.com");
    await page.goto(`${server.url}/classes`);
    await page.getByRole("link", { name: "8A1 — CLB Robotics" }).click();
    const code = (await page.getByTestId("join-code").textContent())!.trim();
    const classUrl = page.url();
    await logout(page);

    await login(page, server.url, "student2@example.com");
    await page.goto(`${server.url}/join`);
    await page.getByLabel("Mã tham gia lớp").fill("WRONG222");
    await page.getByRole("button", { name: "Tham gia" }).click();
    await page.getByText("Mã này không đúng hoặc đã bị tắt").waitFor();
    await page.getByLabel("Mã tham gia lớp").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Tham gia" }).click();
    await page.waitForURL(/\/classes\/joined/);
    await page.getByText("8A1 — CLB Robotics").first().waitFor();
    const res = await page.goto(classUrl);
    expect(res?.status()).toBe(403);
    await logout(page);
    // A coordinator of the same school who does not teach this class.
    await login(page, server.url, "coordinator@example.com");
    expect((await page.goto(classUrl))?.status()).toBe(403);
    await context.close();
  });
});
