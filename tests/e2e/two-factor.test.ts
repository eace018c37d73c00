// Two-step sign-in in the browser: staff switch it on from the account page (QR + secret, confirmed with a code
// generated here from the secret), sign in again with the second step, and find it all in the security log.
import { generateTOTP } from "@epic-web/totp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, login, logout, startServer, type TestServer, openStaffTask } from "../helpers/e2e";

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

describe("two-step sign-in", () => {
  it("staff enrol with an authenticator code, then sign in with the second step (a recovery code)", async () => {
    const page = await browser.newPage();
    await login(page, server.url, "staff@example.com");
    // Her name in the header opens her account page.
    await page.getByRole("banner").getByRole("link", { name: "Lê Thị Hồng Nhung" }).click();
    await page.waitForURL((u) => u.pathname === "/account");
    await page.getByRole("link", { name: "Quản lý xác minh hai bước" }).click();
    await page.getByRole("heading", { level: 1, name: "Xác minh hai bước" }).waitFor();
    await page.getByRole("button", { name: "Bật xác minh hai bước" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" }).getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
    await page.getByLabel("Mã 6 chữ số").fill(otp);
    await page.getByRole("button", { name: "Xác nhận và bật" }).click();
    await page.getByRole("heading", { name: "Mã khôi phục" }).waitFor();
    const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);

    await logout(page);
    await page.getByRole("banner").getByRole("link", { name: "Đăng nhập" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await page.locator('input[name="identifier"]').fill("staff@example.com");
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === "/login/two-factor"), page.locator('main form[method="post"] button[type="submit"]').click()]);
    // Not signed in yet: the staff area sends to the login page.
    const probe = await browser.newPage({ storageState: await page.context().storageState() });
    await probe.goto(`${server.url}/staff`);
    expect(new URL(probe.url()).pathname).toBe("/login");
    await probe.close();

    await page.getByLabel("Mã xác minh hoặc mã khôi phục").fill("000000");
    await page.getByRole("button", { name: "Đăng nhập" }).last().click();
    await page.getByText("Mã không đúng hoặc đã được dùng.").waitFor();
    await page.getByLabel("Mã xác minh hoặc mã khôi phục").fill(codes[0]);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Đăng nhập" }).last().click()]);

    await openStaffTask(page, "Nhật ký bảo mật");
    await page.getByLabel("Hành động").selectOption("auth.recoveryCodeUsed");
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("action") === "auth.recoveryCodeUsed"),
      page.getByRole("search").getByRole("button", { name: "Tìm kiếm" }).click(),
    ]);
    await page.getByRole("heading", { level: 1, name: "Nhật ký bảo mật" }).waitFor();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.close();
  });
});
