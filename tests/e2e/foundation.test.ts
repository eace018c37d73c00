import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, login, logout, startServer, type TestServer } from "../helpers/e2e";

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

describe("a new user", () => {
  it("signs up, lands on the dashboard, switches to English and back, logs out and in again", async () => {
    const page = await browser.newPage();
    const email = `hoc.sinh.${Date.now()}@example.vn`;
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await page.getByRole("link", { name: "Tạo tài khoản" }).first().click();
    await page.getByLabel("Họ và tên").fill("Lê Ngọc Ánh");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Mật khẩu").fill("ngay-mai-troi-lai-sang");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.waitForURL(`${server.url}/dashboard`);
    // Client-side navigation: the URL changes just before the new page renders, so wait for the heading itself.
    await page.getByRole("heading", { level: 1, name: "Xin chào, Lê Ngọc Ánh!" }).waitFor();

    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(page.url()).toBe(`${server.url}/dashboard`);
    await page.getByRole("heading", { level: 1, name: "Hello, Lê Ngọc Ánh!" }).waitFor();
    await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "vi");

    await logout(page);
    await page.getByRole("link", { name: "Đăng nhập" }).waitFor();
    await login(page, server.url, email.toUpperCase(), "ngay-mai-troi-lai-sang");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await page.getByRole("heading", { level: 1, name: "Xin chào, Lê Ngọc Ánh!" }).waitFor();
    await page.close();
  });

  it("sees field errors next to the fields, in Vietnamese, when the form is wrong (no JavaScript)", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Họ và tên").fill("Lê Ngọc Ánh");
    await page.getByLabel("Email").fill("khong-phai-email");
    await page.getByLabel("Mật khẩu").fill("ngan");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.waitForLoadState();
    await expect(page.getByText("Email không hợp lệ.").count()).resolves.toBe(1);
    await expect(page.getByText("Mật khẩu cần ít nhất 10 ký tự.").count()).resolves.toBe(1);
    expect(await page.getByLabel("Họ và tên").inputValue()).toBe("Lê Ngọc Ánh");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await context.close();
  });

  it("demo staff logs in with the seeded account; a student is refused the staff area", async () => {
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await login(staff, server.url, "staff@example.com");
    const allowed = await staff.goto(`${server.url}/staff`);
    expect(allowed?.status()).toBe(200);
    expect(new URL(staff.url()).pathname).toBe("/staff");
    await staffContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, "student@example.com");
    const res = await page.goto(`${server.url}/staff`);
    expect(res?.status()).toBe(403);
    await page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" }).waitFor();
    await context.close();
  });
});

describe("the HTTP server", () => {
  it("refuses a state change from another site with 403 and sets security headers", async () => {
    const res = await fetch(`${server.url}/logout`, { method: "POST", headers: { Origin: "http://evil.example" }, redirect: "manual" });
    expect(res.status).toBe(403);
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("referrer-policy")).toBeTruthy();
    const html = await home.text();
    const nonce = home.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    // Every inline script carries this response's nonce.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it("answers 404 pages in the user's language and /healthz as JSON", async () => {
    const res = await fetch(`${server.url}/khong-co-trang-nay`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Không tìm thấy trang");
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    expect(server.logs()).toMatch(/GET \/healthz 200 \d+ms/);
  });
});

describe("a real deployment", () => {
  it("starts on an empty database without demo data when SEED_DEMO_DATA=false", async () => {
    const bare = await startServer({ seed: false });
    try {
      expect((await fetch(`${bare.url}/healthz`)).status).toBe(200);
      const res = await fetch(`${bare.url}/login`, {
        method: "POST",
        headers: { Origin: bare.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ identifier: "admin@example.com", password: DEMO_PASSWORD }),
        redirect: "manual",
      });
      expect(res.status).toBe(400);
      expect(bare.logs()).toContain("demo data disabled");
    } finally {
      await bare.stop();
    }
  });
});

