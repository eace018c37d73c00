// Forgot password without a mail server: the message appears on the staff outbox page, its link works, the new
// password logs the student in.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
