import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, downloadText, openNotifications, launchBrowser, login, logout, searchCatalog, startServer, type TestServer, expectText } from "../helpers/e2e";

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

    // 1. A new class: from the header's "Lớp của tôi" to the "Tạo lớp mới" button. After logging in, every page is
    // reached by clicking a link or a button (JavaScript on), as a teacher does.
    await clickNav(page, "Lớp của tôi");
    await page.getByRole("link", { name: "Tạo lớp mới" }).click();
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
    // The roster (the class's "Học sinh" tab) lists them; the password is nowhere once we leave the card page.
    await clickNav(page, "Học sinh", CLASS_TABS);
    expect(page.url()).toBe(`${classUrl}/members`);
    await expect(page.getByRole("link", { name: "Nguyễn Thị Phương Thảo" }).count()).resolves.toBe(1);
    expect(await page.content()).not.toContain(password);
    await logout(page);

    // 3. The student logs in with the username from the card and enrols in an open course.
    const course = pick<{ slug: string; title: string }>(
      "select p.slug, p.title_vi as title from programs p join courses c on c.program_id = p.id where p.status = 'published' and c.enrolment_mode = 'open' and c.prerequisite_program_id is null order by p.id limit 1",
    );
    expect(course, "the demo data has an open course").toBeTruthy();
    await login(page, server.url, username, password);
    await clickNav(page, "Chương trình");
    await page.getByLabel("Loại").selectOption({ label: "Khóa học" });
    await searchCatalog(page, course.title);
    await page.getByRole("link", { name: course.title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: course.title }).waitFor();
    await page.getByRole("button", { name: "Ghi danh ngay" }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/learn/${course.slug}`));
    await logout(page);

    // 4. The teacher registers the class for a session with room for everyone and sees the matrix.
    const session = pick<{ id: number }>(
      "select s.id from workshop_sessions s join programs p on p.id = s.program_id where s.status = 'scheduled' and p.status = 'published' and s.starts_at > strftime('%Y-%m-%dT%H:%M:%fZ','now') and s.capacity - s.confirmed_count >= 5 order by s.starts_at limit 1",
    );
    await login(page, server.url, "teacher@example.com");
    await clickNav(page, "Lớp của tôi");
    await page.getByRole("link", { name: "9A2 — CLB Khoa học" }).click();
    await clickNav(page, "Ghi danh", CLASS_TABS);
    await page.getByLabel("Buổi học").selectOption(String(session.id));
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.getByText("Đã đăng ký 5 học sinh").waitFor();
    await clickNav(page, "Tiến độ", CLASS_TABS);
    const matrix = page.getByTestId("progress-matrix");
    await matrix.waitFor();
    expect(await matrix.locator("tbody tr").count()).toBe(5);
    expect(await matrix.getByText("Đã đăng ký").count()).toBe(5);
    // Sorted by given name: Ánh, Đức, Thảo, Việt, Yến.
    const names = await matrix.locator("tbody th").allTextContents();
    expect(names).toEqual(["Võ Ngọc Ánh", "Phạm Minh Đức", "Nguyễn Thị Phương Thảo", "Trần Đức Việt", "Lê Hoàng Yến"]);
    // The "Xuất CSV" button downloads the same rows.
    const csv = await downloadText(page, page.getByRole("link", { name: "Xuất CSV" }));
    for (const name of names) expect(csv).toContain(name);
    await context.close();
  });

  it("a student joins with the code at /join; a student and a non-teaching coordinator are refused the class page (403)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, "teacher@example.com");
    await clickNav(page, "Lớp của tôi");
    await page.getByRole("link", { name: "8A1 — CLB Robotics" }).click();
    await page.getByTestId("join-code").waitFor();
    const code = (await page.getByTestId("join-code").textContent())!.trim();
    const classUrl = page.url();
    await logout(page);

    // The student lands on her dashboard and finds "Tham gia lớp bằng mã" there.
    await login(page, server.url, "student2@example.com");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await page.getByRole("link", { name: "Tham gia lớp bằng mã" }).click();
    await page.getByLabel("Mã tham gia lớp").fill("WRONG222");
    await page.getByRole("button", { name: "Tham gia" }).click();
    await page.getByText("Mã này không đúng hoặc đã bị tắt").waitFor();
    await page.getByLabel("Mã tham gia lớp").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Tham gia" }).click();
    await page.waitForURL(/\/classes\/joined/);
    await page.getByText("8A1 — CLB Robotics").first().waitFor();
    // Refusals: there is no link to the teacher's class page for them, so they type its address (the only goto here
    // after logging in, on purpose).
    const res = await page.goto(classUrl);
    expect(res?.status()).toBe(403);
    await logout(page);
    // A coordinator of the same school who does not teach this class.
    await login(page, server.url, "coordinator@example.com");
    expect((await page.goto(classUrl))?.status()).toBe(403);
    await context.close();
  });

  it("without JavaScript: a teacher makes a class, invites a student who accepts from the notification, enrols the class in a course and sees the roster and matrix", async () => {
    // A course the invited student has not taken, open to enrolment now (the class enrolment checks the window).
    const course = pick<{ title: string; mode: string }>(
      "select p.title_vi as title, c.enrolment_mode as mode from programs p join courses c on c.program_id = p.id where p.status = 'published' and (c.enrol_opens_at is null or c.enrol_opens_at <= strftime('%Y-%m-%dT%H:%M:%fZ','now')) and (c.enrol_closes_at is null or c.enrol_closes_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')) and (c.capacity is null or c.capacity - c.active_count >= 1) and p.id not in (select e.program_id from enrolments e join users u on u.id = e.user_id where u.email = 'student2@example.com') order by p.id limit 1",
    );
    expect(course, "the demo data has a course the second student has not taken").toBeTruthy();
    const className = "7B — Lớp không JavaScript";
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await login(page, server.url, "teacher@example.com");
    await clickNav(page, "Lớp của tôi");
    await page.getByRole("link", { name: "Tạo lớp mới" }).click();
    await page.getByLabel("Tên lớp").fill(className);
    await page.getByLabel("Khối lớp").fill("7");
    await page.getByRole("button", { name: "Tạo lớp" }).click();
    await page.getByRole("heading", { level: 1, name: className }).waitFor();

    // Invite Trần Đức Việt by email on the "Học sinh" tab; until she accepts the roster is empty.
    await clickNav(page, "Học sinh", CLASS_TABS);
    await page.getByLabel("Email của học sinh").fill("student2@example.com");
    await page.getByRole("button", { name: "Thêm vào lớp" }).click();
    await expectText(page.getByRole("status").first(), "Nếu email này là của một tài khoản học sinh");
    await page.getByText("Lớp chưa có học sinh nào.").waitFor();
    await logout(page);

    // The student opens the invitation from her notifications and accepts it.
    await login(page, server.url, "student2@example.com");
    await openNotifications(page);
    const invitation = page.getByRole("listitem").filter({ hasText: `Bạn được mời vào lớp ${className}` });
    await expect(invitation.count()).resolves.toBe(1);
    await invitation.getByRole("link", { name: "Xem" }).click();
    await page.getByRole("button", { name: `Đồng ý vào lớp ${className}` }).click();
    await page.getByText("Bạn đã vào lớp.").waitFor();
    await logout(page);

    // The teacher finds the class (now with one student), enrols it in the course, and sees the roster and matrix.
    await login(page, server.url, "teacher@example.com");
    await clickNav(page, "Lớp của tôi");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: className, exact: true }) });
    await expectText(row, "1 học sinh");
    await row.getByRole("link", { name: className, exact: true }).click();
    await clickNav(page, "Ghi danh", CLASS_TABS);
    await page.getByLabel("Khóa học", { exact: true }).selectOption({ label: course.mode === "class_only" ? `${course.title} (chỉ ghi danh theo lớp)` : course.title });
    await page.getByRole("button", { name: "Ghi danh", exact: true }).click();
    await page.getByText("Đã ghi danh 1 học sinh; 0 học sinh đã ghi danh từ trước.").waitFor();
    await clickNav(page, "Học sinh", CLASS_TABS);
    const roster = page.locator("main table tbody tr");
    await expect(roster.count()).resolves.toBe(1);
    await expectText(roster.first(), "Trần Đức Việt");
    await expectText(roster.first(), "student2@example.com");
    await clickNav(page, "Tiến độ", CLASS_TABS);
    const matrix = page.getByTestId("progress-matrix");
    expect(await matrix.locator("tbody tr").count()).toBe(1);
    expect(await matrix.locator("tbody th").allTextContents()).toEqual(["Trần Đức Việt"]);
    await expectText(matrix.locator("thead"), course.title);
    await context.close();
  });
});
