// Browser: search without diacritics, register, see the seat count drop, cancel; the waitlist promotes a second
// student who sees a notification; staff create a workshop and mark attendance. Production build, demo data.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clickNav, downloadText, launchBrowser, login, openNotifications, openStaffTask, searchCatalog, startServer, type TestServer, expectText } from "../helpers/e2e";

let server: TestServer;
let browser: Browser;

// Each test starts from the demo data on its own server: no test depends on what another one did.
beforeAll(async () => {
  browser = await launchBrowser();
});

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server?.stop();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, server.url, email);
  return page;
}

const firstSession = (page: Page) => page.locator('article[data-testid^="session-"]').first();

/** From any page: the header's "Chương trình", keywords typed into the search form, then the program's link. */
async function openWorkshop(page: Page, keywords: string, title: string): Promise<void> {
  await clickNav(page, "Chương trình");
  await searchCatalog(page, keywords);
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

describe("a student and the workshop cycle", () => {
  it("searches without diacritics, opens a workshop, registers, sees the seat count drop, cancels", async () => {
    // After logging in, every page is reached by clicking (JavaScript on), as a student does.
    const page = await signedIn("student@example.com");
    await clickNav(page, "Chương trình");
    await searchCatalog(page, "robot co ban");
    expect(page.url()).toMatch(/q=robot\+co\+ban/);
    await page.getByRole("link", { name: "Robot cơ bản", exact: true }).click();
    await page.waitForURL(`${server.url}/workshops/robot-co-ban`);
    await page.getByRole("heading", { level: 1, name: "Robot cơ bản" }).waitFor();
    const session = firstSession(page);
    await expectText(session.getByTestId("seats"), "Còn 12 chỗ");
    await session.getByRole("button", { name: "Đăng ký" }).click();
    // Post/Redirect/Get: the confirmation page, then back to the session.
    await page.waitForURL(/\/registrations\/\d+\?outcome=now/);
    await page.getByText("Bạn đã đăng ký thành công").waitFor();
    await page.getByRole("link", { name: "Về trang workshop" }).click();
    await page.waitForURL(/\/workshops\/robot-co-ban/);
    await firstSession(page).getByTestId("registration-status").waitFor();
    await expectText(firstSession(page).getByTestId("seats"), "Còn 11 chỗ");
    await expectText(firstSession(page).getByTestId("registration-status"), "Đã xác nhận", { exact: true });
    // Cancelling has a confirm step that says what happens next.
    await firstSession(page).getByRole("link", { name: "Hủy đăng ký" }).click();
    await page.getByTestId("what-happens-next").waitFor();
    await page.getByRole("button", { name: "Có, hủy đăng ký" }).click();
    await page.getByText("Đã hủy đăng ký.").waitFor();
    await firstSession(page).getByRole("button", { name: "Đăng ký" }).waitFor();
    await expectText(firstSession(page).getByTestId("seats"), "Còn 12 chỗ");
    // The same page in English: the English title and the seat count in English words.
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 1, name: "Robotics basics" }).waitFor();
    await expectText(firstSession(page).getByTestId("seats"), "12 seats left");
    // The tab title is in the reader's language too.
    expect(await page.title()).toBe("Robotics basics · STEM Hub");
    await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
    await page.getByRole("heading", { level: 1, name: "Robot cơ bản" }).waitFor();
    expect(await page.title()).toBe("Robot cơ bản · STEM Hub");
    await page.context().close();
  });

  it("a second student joins the waitlist of a full session and is promoted (with a notification) when the first cancels", async () => {
    const thao = await signedIn("student@example.com");
    await openWorkshop(thao, "dien tu", "Điện tử cho người mới");
    await expectText(firstSession(thao).getByTestId("seats"), "Còn 1 chỗ");
    await firstSession(thao).getByRole("button", { name: "Đăng ký" }).click();
    await thao.getByText("Bạn đã đăng ký thành công").waitFor();
    await thao.getByRole("link", { name: "Về trang workshop" }).click();
    await firstSession(thao).getByTestId("registration-status").waitFor();
    await expectText(firstSession(thao).getByTestId("seats"), "Đã đầy — vào danh sách chờ");

    const viet = await signedIn("student2@example.com");
    await openWorkshop(viet, "dien tu", "Điện tử cho người mới");
    await firstSession(viet).getByRole("button", { name: "Vào danh sách chờ" }).click();
    await viet.getByText("bạn ở vị trí #1 trong danh sách chờ").waitFor();
    await viet.getByRole("link", { name: "Về trang workshop" }).click();
    await firstSession(viet).getByTestId("registration-status").waitFor();
    const unreadBefore = Number((await viet.getByTestId("unread-count").count()) ? await viet.getByTestId("unread-count").textContent() : 0);
    await expectText(firstSession(viet).getByTestId("registration-status"), "Danh sách chờ #1", { exact: true });

    await clickNav(thao, "Lịch của tôi");
    const row = thao.getByRole("row").filter({ hasText: "Điện tử cho người mới" });
    await row.getByRole("link", { name: "Hủy đăng ký" }).click();
    await thao.getByRole("button", { name: "Có, hủy đăng ký" }).click();
    await thao.getByText("Đã hủy đăng ký.").waitFor();

    await clickNav(viet, "Lịch của tôi");
    await expectText(viet.getByRole("row").filter({ hasText: "Điện tử cho người mới" }).getByTestId("registration-status"), "Đã xác nhận", { exact: true });
    expect(Number(await viet.getByTestId("unread-count").textContent())).toBe(unreadBefore + 1);
    await openNotifications(viet);
    await viet.getByText("Đã có chỗ cho bạn ở workshop “Điện tử cho người mới”").waitFor();
    await thao.context().close();
    await viet.context().close();
  });
});

describe("staff", () => {
  it("create a workshop with a session, publish it, and mark attendance at the door (no JavaScript)", async () => {
    // Trần Đức Việt takes the last seat of the electronics session, clicking through from the catalogue.
    const viet = await signedIn("student2@example.com");
    await openWorkshop(viet, "dien tu", "Điện tử cho người mới");
    await firstSession(viet).getByRole("button", { name: "Đăng ký" }).click();
    await viet.getByText("Bạn đã đăng ký thành công").waitFor();
    await viet.context().close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, server.url, "staff@example.com");
    await openStaffTask(page, "Chương trình & buổi học");
    await page.getByRole("link", { name: "Tạo workshop mới" }).click();
    await page.getByLabel("Tên (tiếng Việt)").fill("Đồ chơi khoa học E2E");
    await page.getByLabel("Tên (tiếng Anh)").fill("Science toys E2E");
    await page.getByLabel("Từ lớp").fill("6");
    await page.getByLabel("Đến lớp").fill("9");
    await page.getByRole("button", { name: "Tạo chương trình" }).click();
    await page.getByText("Đã lưu chương trình.").waitFor();
    await page.getByRole("button", { name: "Công bố" }).click();
    await page.getByText("Đã đổi trạng thái chương trình.").waitFor();
    await page.getByRole("link", { name: "Thêm buổi học" }).click();
    await page.getByLabel("Phòng").fill("Fab Lab 2");
    await page.getByLabel("Sức chứa").fill("8");
    const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Ngày (buổi 1)").fill(day);
    await page.getByLabel("Bắt đầu (buổi 1)").fill("09:00");
    await page.getByLabel("Kết thúc (buổi 1)").fill("08:00");
    await page.getByRole("button", { name: "Tạo buổi học" }).click();
    await page.getByText("Giờ kết thúc phải sau giờ bắt đầu.").waitFor();
    await page.getByLabel("Kết thúc (buổi 1)").fill("11:00");
    await page.getByRole("button", { name: "Tạo buổi học" }).click();
    await page.getByText("Đã lưu buổi học.").waitFor();
    await page.getByRole("link", { name: "Xem trang công khai" }).click();
    await page.getByRole("heading", { level: 1, name: "Đồ chơi khoa học E2E" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/workshops/do-choi-khoa-hoc-e2e");
    await expectText(firstSession(page).getByTestId("seats"), "Còn 8 chỗ");

    // Attendance on the roster of the electronics session, where Trần Đức Việt registered above.
    await openStaffTask(page, "Chương trình & buổi học");
    await page.getByRole("link", { name: "Điện tử cho người mới", exact: true }).click();
    await page.getByRole("link", { name: "Danh sách học sinh" }).first().click();
    const card = page.locator("li.card").filter({ hasText: "Trần Đức Việt" });
    await card.getByRole("button", { name: "Có mặt" }).click();
    await page.getByText("Đã ghi điểm danh.").waitFor();
    const pressed = page.locator("li.card").filter({ hasText: "Trần Đức Việt" }).getByRole("button", { name: "Có mặt" });
    expect(await pressed.getAttribute("aria-pressed")).toBe("true");
    const csv = await downloadText(page, page.getByRole("link", { name: "Xuất CSV" }));
    expect(csv).toContain("Trần Đức Việt");
    await context.close();
  });
});
