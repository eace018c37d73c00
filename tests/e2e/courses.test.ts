import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clickNav, launchBrowser, login, openStaffTask, startServer, type TestServer, expectText } from "../helpers/e2e";

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

const SLUG = "lam-quen-stem-hub";

/** The form on the page whose hidden intent is `intent` (optionally the n-th one). */
const formOf = (page: Page, intent: string) => page.locator(`form:has(input[name="intent"][value="${intent}"])`);

/** Without JavaScript every form post or link is a full page load: click and wait for it. */
async function submit(page: Page, button: ReturnType<Page["locator"]>) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

async function outlineTitles(page: Page) {
  return page.locator('[data-testid="course-outline"] li[data-lesson-title]').evaluateAll((els) => els.map((e) => e.getAttribute("data-lesson-title")));
}

/** Staff build the small course with a quiz and publish it, without JavaScript. Returns their page and the builder URL. */
async function buildCourseAsStaff(): Promise<{ staff: Page; courseUrl: string }> {
  const staff = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await login(staff, server.url, "staff@example.com");
  await openStaffTask(staff, "Khóa học");
  await expect(staff.getByRole("link", { name: "Lập trình Python cho học sinh" }).count()).resolves.toBe(1);
  const create = staff.locator("form").filter({ has: staff.getByRole("button", { name: "Tạo khóa học" }) });
  await create.getByLabel("Tên (tiếng Việt)").fill("Làm quen với STEM Hub");
  await create.getByLabel("Tên (tiếng Anh)").fill("Getting started with STEM Hub");
  await create.getByLabel("Đường dẫn").fill(SLUG);
  await submit(staff, create.getByRole("button", { name: "Tạo khóa học" }));
  expect(staff.url()).toMatch(/\/staff\/courses\/\d+\?notice=/);
  const courseUrl = staff.url().split("?")[0];
  await formOf(staff, "addModule").getByLabel("Chương mới (tiếng Việt)").fill("Bắt đầu");
  await submit(staff, formOf(staff, "addModule").getByRole("button"));
  for (const title of ["Bài một", "Bài hai", "Bài kiểm tra cuối"]) {
    await formOf(staff, "addLesson").getByLabel("Bài học mới (tiếng Việt)").fill(title);
    await submit(staff, formOf(staff, "addLesson").getByRole("button"));
    await staff.getByRole("link", { name: title }).waitFor();
  }
  await submit(staff, staff.getByRole("link", { name: "Bài kiểm tra cuối" }));
  expect(staff.url()).toMatch(/\/lessons\/\d+$/);
  await formOf(staff, "quiz").getByLabel("Điểm đạt (%)").fill("100");
  await submit(staff, formOf(staff, "quiz").getByRole("button"));
  const add = formOf(staff, "addQuestion");
  await add.getByLabel("Câu hỏi (tiếng Việt)").fill("STEM là viết tắt của Khoa học, Công nghệ, Kỹ thuật và Toán học?");
  await add.getByLabel("Các đáp án").fill("* Đúng | True\nSai | False");
  await submit(staff, add.getByRole("button", { name: "Thêm câu hỏi" }));
  await expect(staff.getByRole("heading", { name: "Câu hỏi 1" }).count()).resolves.toBe(1);
  await submit(staff, staff.getByRole("link", { name: "← Về khóa học" }));
  expect(staff.url()).toBe(courseUrl);
  await submit(staff, formOf(staff, "status").getByRole("button", { name: "Xuất bản" }));
  await expectText(staff.locator("main .badge").first(), "Đã xuất bản", { exact: true });
  return { staff, courseUrl };
}

/** Trần Đức Việt enrols in the course (without JavaScript) and stays on its learning page. */
async function enrolStudent2(page: Page) {
  await login(page, server.url, "student2@example.com");
  // Not enrolled yet: a shared link to the lessons (an address typed on purpose) sends the student to the course page
  // with a notice.
  await page.goto(`${server.url}/learn/${SLUG}`);
  expect(new URL(page.url()).pathname).toBe(`/courses/${SLUG}`);
  await expect(page.getByText("Hãy ghi danh khóa học này trước khi vào học.").count()).resolves.toBe(1);
  await submit(page, page.getByRole("button", { name: "Ghi danh ngay" }));
  expect(new URL(page.url()).pathname).toBe(`/learn/${SLUG}`);
}

describe("courses from building to completion", () => {
  it("staff build a small course with a quiz and publish it (without JavaScript)", async () => {
    const { staff, courseUrl } = await buildCourseAsStaff();
    // The published course is in the catalogue of courses.
    await openStaffTask(staff, "Khóa học");
    await expect(staff.getByRole("link", { name: "Làm quen với STEM Hub" }).count()).resolves.toBe(1);
    expect(courseUrl).toMatch(/\/staff\/courses\/\d+$/);
  });

  it("a student enrols, reads two lessons, fails then passes the quiz and sees 100 % and completed (without JavaScript)", async () => {
    await buildCourseAsStaff();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await enrolStudent2(page);
    await expect(page.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("0");
    await submit(page, page.getByRole("link", { name: "Bắt đầu học" }));
    await expectText(page.getByRole("heading", { level: 1 }), "Bài một", { exact: true });
    // One button records the lesson and goes on to the next one.
    await submit(page, page.getByRole("button", { name: "Hoàn thành & sang bài tiếp" }));
    await expect(page.getByText("Đã đánh dấu bài học là hoàn thành.").count()).resolves.toBe(1);
    await expectText(page.getByRole("heading", { level: 1 }), "Bài hai", { exact: true });
    await submit(page, page.getByRole("button", { name: "Hoàn thành & sang bài tiếp" }));
    await expect(page.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("66");
    // Marking twice is not offered again.
    await submit(page, page.getByRole("link", { name: /Bài trước/ }));
    await expect(page.getByRole("button", { name: /^Hoàn thành & / }).count()).resolves.toBe(0);
    await submit(page, page.getByRole("link", { name: /Bài tiếp theo/ }));
    // The quiz: no correct flags in the page before answering.
    expect(await page.content()).not.toMatch(/is_correct|isCorrect/);
    await page.getByLabel("Sai").check();
    await submit(page, page.getByRole("button", { name: "Nộp bài" }));
    await expectText(page.getByTestId("quiz-result"), "chưa đủ điểm qua");
    await page.getByLabel("Đúng", { exact: true }).check();
    await submit(page, page.getByRole("button", { name: "Nộp bài" }));
    await expectText(page.getByTestId("quiz-result"), "đã qua bài kiểm tra");
    await expect(page.getByText("Chúc mừng! Bạn đã hoàn thành khóa học.").count()).resolves.toBeGreaterThan(0);
    // The finish page: the new certificate and where to go next.
    await submit(page, page.getByRole("link", { name: /^Kết thúc khóa học/ }).first());
    expect(new URL(page.url()).pathname).toBe(`/learn/${SLUG}/finish`);
    await expect(page.getByRole("link", { name: "Xem chứng nhận" }).count()).resolves.toBe(1);
    await submit(page, page.getByRole("link", { name: "Về trang khóa học" }));
    expect(new URL(page.url()).pathname).toBe(`/learn/${SLUG}`);
    await expect(page.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("100");
    await expectText(page.locator("main"), "100%");
    await expectText(page.locator(".badge-ok").first(), "Đã hoàn thành", { exact: true });
    // The same page in English.
    await submit(page, page.getByRole("button", { name: "Switch to English" }));
    await expectText(page.getByRole("heading", { level: 1 }), "Getting started with STEM Hub", { exact: true });
    await expectText(page.locator(".badge-ok").first(), "Completed", { exact: true });
    await expectText(page.getByTestId("progress-text"), "3 of 3 required lessons completed", { exact: true });
    await submit(page, page.getByRole("button", { name: "Chuyển sang tiếng Việt" }));
    await clickNav(page, "Bảng điều khiển");
    await expectText(page.locator('section[aria-labelledby="courses-panel"]'), "Làm quen với STEM Hub");
    await context.close();
  });

  it("staff move a lesson up (with JavaScript) and the learner's outline follows; the report lists the learner", async () => {
    const { staff, courseUrl } = await buildCourseAsStaff();
    await enrolStudent2(await (await browser.newContext({ javaScriptEnabled: false })).newPage());
    const builder = await (await browser.newContext()).newPage();
    await login(builder, server.url, "staff@example.com");
    await openStaffTask(builder, "Khóa học");
    await builder.getByRole("link", { name: "Làm quen với STEM Hub", exact: true }).click();
    await builder.waitForURL(courseUrl);
    await builder.getByRole("button", { name: "Chuyển lên: Bài hai" }).click();
    await builder.waitForURL(/notice=notice\.courses\.saved/);
    await builder.waitForFunction(() => document.querySelector("li[data-lesson-title]")?.getAttribute("data-lesson-title") === "Bài hai");
    const page = await (await browser.newContext()).newPage();
    await login(page, server.url, "student2@example.com");
    // From the dashboard (where logging in lands) by the course's link to its learning page.
    await page.locator('section[aria-labelledby="courses-panel"]').getByRole("link", { name: "Làm quen với STEM Hub", exact: true }).click();
    await page.waitForURL(`**/learn/${SLUG}`);
    await page.getByTestId("course-outline").waitFor();
    expect(await outlineTitles(page)).toEqual(["Bài hai", "Bài một", "Bài kiểm tra cuối"]);
    await submit(staff, staff.getByRole("main").getByRole("link", { name: "Báo cáo", exact: true }));
    expect(staff.url()).toBe(`${courseUrl}/report`);
    await expectText(staff.locator("table"), "Trần Đức Việt");
    await expect(staff.getByTestId("progress-chart").count()).resolves.toBe(1);
    // A student is refused the builder.
    const denied = await page.goto(courseUrl);
    expect(denied?.status()).toBe(403);
  });

  it("the demo student sees their courses with progress on the dashboard and continues where they left off", async () => {
    const page = await (await browser.newContext()).newPage();
    await login(page, server.url, "student@example.com");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    const panel = page.locator('section[aria-labelledby="courses-panel"]');
    await expectText(panel, "Lập trình Python cho học sinh");
    await panel.getByRole("link", { name: "Tiếp tục học Lập trình Python cho học sinh" }).click();
    await page.waitForURL(/\/learn\/lap-trinh-python-cho-hoc-sinh\/\d+$/);
    // Client-side navigation: the URL may change a moment before the new page renders.
    await page.getByRole("heading", { level: 1, name: "Nhập và xuất dữ liệu" }).waitFor();
    await expectText(page.getByTestId("course-outline"), "Biến là gì?");
  });
});
