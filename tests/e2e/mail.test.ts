// Forgot password without a mail server: the message appears on the staff outbox page, its link works, the new
// password logs the student in. A student who switches reminders off gets none when the reminder job runs (the
// sender loop of the server process, as in production, polling fast), while another student gets theirs.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/schema";
import { launchBrowser, login, startServer, type TestServer, openStaffTask } from "../helpers/e2e";

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

describe("forgot password through the outbox", () => {
  it("request → message on /staff/outbox → follow the link → new password → logged in", async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${server.url}/login`);
    await visitor.getByRole("link", { name: "Quên mật khẩu?" }).click();
    await visitor.getByRole("heading", { level: 1, name: "Quên mật khẩu" }).waitFor();
    await visitor.getByLabel("E-mail").fill("student2@example.com");
    await visitor.getByRole("button", { name: "Gửi liên kết" }).click();
    await visitor.getByText("Nếu địa chỉ này thuộc một tài khoản").waitFor();

    const staff = await (await browser.newContext()).newPage();
    await login(staff, server.url, "staff@example.com");
    await openStaffTask(staff, "Hộp thư đi");
    await staff.getByRole("heading", { level: 1, name: "Hộp thư đi" }).waitFor();
    await staff.getByRole("link", { name: "Đặt lại mật khẩu · STEM Hub" }).first().click();
    await staff.getByRole("heading", { level: 1, name: /Thư #\d+/ }).waitFor();
    const text = await staff.getByTestId("text-vi").textContent();
    const link = text!.match(/http:\/\/\S+\/reset-password\/\S+/)![0];
    expect(link.startsWith(server.url)).toBe(true);

    await visitor.goto(link);
    await visitor.getByRole("heading", { level: 1, name: "Đặt mật khẩu mới" }).waitFor();
    await visitor.getByLabel("Mật khẩu mới").fill("mot-mat-khau-moi-rat-dai");
    await visitor.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await visitor.waitForURL(/\/dashboard/);
    await visitor.getByText("Đã đặt mật khẩu mới").waitFor();
    await visitor.getByRole("heading", { level: 1, name: /Trần Đức Việt/ }).waitFor();

    // The link works once.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByText("Liên kết đặt lại mật khẩu không hợp lệ").waitFor();
    // The token never reaches the request log.
    const token = new URL(link).pathname.split("/").pop()!;
    const leaked = server.logs().split("\n").filter((l) => l.includes(token));
    expect(leaked).toEqual([]);
  });
});

describe("switching reminders off", () => {
  it("a student switches reminders off on /account → e-mail and notifications; the reminder job mails the other student only", async () => {
    // Its own server: the demo data changes, and the sender loop polls every 300 ms instead of 5 s.
    const own = await startServer({ env: { MAIL_POLL_MS: "300" } });
    const sqlite = new SQLite(own.databasePath);
    sqlite.pragma("busy_timeout = 5000");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      const student = await (await browser.newContext()).newPage();
      await login(student, own.url, "student@example.com");
      // Her name in the header opens her account page; from there, e-mail and notifications.
      await student.getByRole("banner").getByRole("link", { name: "Nguyễn Thị Phương Thảo" }).click();
      await student.waitForURL((u) => u.pathname === "/account");
      await student.getByRole("link", { name: "E-mail và thông báo" }).click();
      await student.getByRole("heading", { level: 1, name: "E-mail và thông báo" }).waitFor();
      const box = student.getByLabel(/Nhận thư xác nhận đăng ký, nhắc lịch/);
      expect(await box.isChecked()).toBe(true);
      await box.uncheck();
      await student.getByRole("button", { name: "Lưu cài đặt thư" }).click();
      await student.getByText("Đã lưu cài đặt thư.").waitFor();
      expect(await student.getByLabel(/Nhận thư xác nhận đăng ký, nhắc lịch/).isChecked()).toBe(false);

      // A workshop session 47 hours away, both demo students registered a week ago (arranged in the server's database).
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      const users = await db.selectFrom("users").select(["id", "email"]).where("email", "in", ["student@example.com", "student2@example.com"]).execute();
      const program = await db
        .insertInto("programs")
        .values({ kind: "workshop", slug: `e2e-nhac-lich-${now}`, title_vi: "E2E nhắc lịch", title_en: "E2E reminders", status: "published", created_at: iso(now), updated_at: iso(now) })
        .returning("id")
        .executeTakeFirstOrThrow();
      const startsAt = iso(now + 47 * 3600_000);
      const endsAt = iso(now + 49 * 3600_000);
      const session = await db
        .insertInto("workshop_sessions")
        .values({ program_id: program.id, room: "Phòng E2E", capacity: 10, confirmed_count: 2, instructor_id: null, registration_opens_at: null, registration_closes_at: null, cancellation_deadline: null, starts_at: startsAt, ends_at: endsAt, created_at: iso(now - 10 * 86_400_000), updated_at: iso(now) })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("workshop_meetings").values({ session_id: session.id, starts_at: startsAt, ends_at: endsAt }).execute();
      await db
        .insertInto("workshop_registrations")
        .values(users.map((u) => ({ session_id: session.id, user_id: u.id, status: "confirmed" as const, waitlist_position: null, created_at: iso(now - 7 * 86_400_000), updated_at: iso(now - 7 * 86_400_000), cancelled_at: null })))
        .execute();

      // The job runs in the server: wait until it has queued this session's reminder(s).
      const reminders = () =>
        db.selectFrom("email_outbox").select(["to_address", "params"]).where("template", "=", "sessionReminder").execute()
          .then((rows) => rows.filter((r) => r.params.includes("E2E nhắc lịch")));
      const deadline = Date.now() + 20_000;
      while ((await reminders()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      // A few more ticks: a reminder for the student who switched off would have come in the same pass anyway.
      await new Promise((r) => setTimeout(r, 1000));
      expect((await reminders()).map((r) => r.to_address)).toEqual(["student2@example.com"]);

      // What staff see on the outbox page.
      const staff = await (await browser.newContext()).newPage();
      await login(staff, own.url, "staff@example.com");
      await openStaffTask(staff, "Hộp thư đi");
      await staff.getByRole("heading", { level: 1, name: "Hộp thư đi" }).waitFor();
      const rows = staff.getByRole("row").filter({ hasText: "Nhắc lịch: E2E nhắc lịch" });
      expect(await rows.count()).toBe(1);
      await expect(rows.first().getByRole("cell", { name: "student2@example.com" }).count()).resolves.toBe(1);
      expect(await staff.getByRole("row").filter({ hasText: "Nhắc lịch: E2E nhắc lịch" }).filter({ hasText: "student@example.com" }).count()).toBe(0);
    } finally {
      await db.destroy();
      await own.stop();
    }
  });
});
