// Browser: a student finishes a course (through the lesson page) and finds the certificate and its PDF; an
// anonymous visitor verifies it; staff revoke it and the visitor sees it revoked.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/schema";
import { clickNav, launchBrowser, login, logout, openStaffTask, startServer, type TestServer, expectText } from "../helpers/e2e";

let server: TestServer;
let browser: Browser;
let db: Kysely<Database>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const sqlite = new SQLite(server.databasePath);
  sqlite.pragma("busy_timeout = 5000");
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
});

afterAll(async () => {
  await db?.destroy();
  await browser?.close();
  await server?.stop();
});

/** A published one-lesson course the demo student is enrolled in (arranged in the server's database). */
async function arrangeCourse() {
  const now = new Date().toISOString();
  const student = await db
    .selectFrom("users")
    .select(["id", "full_name"])
    .where("email", "=", "student@example.com")
    .executeTakeFirstOrThrow();
  const program = await db
    .insertInto("programs")
    .values({
      kind: "course",
      slug: "e2e-chung-nhan",
      title_vi: "Khóa học chứng nhận thử",
      title_en: "Certificate test course",
      status: "published",
      search_text: "khoa hoc chung nhan thu",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("courses").values({ program_id: program.id, estimated_hours: 2, created_at: now, updated_at: now }).execute();
  const mod = await db
    .insertInto("course_modules")
    .values({ program_id: program.id, position: 1, title_vi: "Chương 1", title_en: "Module 1" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const lesson = await db
    .insertInto("lessons")
    .values({
      module_id: mod.id,
      position: 1,
      title_vi: "Bài duy nhất",
      title_en: "The only lesson",
      content_md_vi: "Nội dung bài học.",
      content_html_vi: "<p>Nội dung bài học.</p>",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("enrolments")
    .values({ program_id: program.id, user_id: student.id, enrolled_at: now, left_at: null, last_activity_at: null, completed_at: null })
    .execute();
  return { student, programId: program.id, lessonId: lesson.id };
}

/** A class of the demo teacher with the demo student in it. */
// The student joined the class a day before finishing, and the class took the course: a teacher sees a member's
// certificates only for the class's own activities, issued since joining (issue 11).
async function arrangeClassOf(studentId: number, programId: number) {
  const now = new Date(Date.now() - 86_400_000).toISOString();
  const teacher = await db
    .selectFrom("users as u")
    .innerJoin("school_memberships as sm", "sm.user_id", "u.id")
    .select(["u.id", "sm.school_id"])
    .where("u.email", "=", "teacher@example.com")
    .executeTakeFirstOrThrow();
  const k = await db
    .insertInto("classes")
    .values({ name: "Lớp in chứng nhận", school_id: teacher.school_id, grade: 8, school_year: "2026-2027", owner_id: teacher.id, join_code: null, archived_at: null, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("class_teachers").values({ class_id: k.id, teacher_id: teacher.id, role: "owner", created_at: now }).execute();
  await db.insertInto("class_members").values({ class_id: k.id, student_id: studentId, joined_via: "teacher", created_at: now }).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto("class_courses").values({ class_id: k.id, program_id: programId, created_at: now }).execute();
  return k.id;
}

describe("certificates in the browser", () => {
  it("earned on completion, downloadable, verifiable by anyone, and revoked by staff", async () => {
    const arranged = await arrangeCourse();

    // The student finishes the course on the lesson page: the certificate is issued in the same transaction.
    const studentCtx = await browser.newContext();
    const page = await studentCtx.newPage();
    await login(page, server.url, "student@example.com");
    // From the dashboard (where logging in lands) by its "Tiếp tục học …" button to the lesson; no address typed.
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await page.getByRole("link", { name: "Tiếp tục học Khóa học chứng nhận thử" }).click();
    await page.waitForURL(`**/learn/e2e-chung-nhan/${arranged.lessonId}`);
    const [completion] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/learn/e2e-chung-nhan/${arranged.lessonId}`)),
      page.locator('form:has(input[name="intent"][value="complete"]) button[type="submit"]').click(),
    ]);
    expect(completion.status()).toBeLessThan(400);
    await page.waitForLoadState("load");
    const cert = await db
      .selectFrom("certificates")
      .selectAll()
      .where("user_id", "=", arranged.student.id)
      .where("program_id", "=", arranged.programId)
      .executeTakeFirstOrThrow();
    expect(cert.status).toBe("valid");

    await clickNav(page, "Chứng nhận");
    const item = page.locator('[data-testid="certificate-item"]', { hasText: "Khóa học chứng nhận thử" });
    await expect(item.count()).resolves.toBe(1);
    const pdfHref = await item.locator('a[href$=".pdf"]').getAttribute("href");
    expect(pdfHref).toBe(`/certificates/${cert.id}.pdf`);
    const pdf = await page.request.get(`${server.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const shareUrl = await item.locator("input[readonly]").inputValue();
    expect(shareUrl).toBe(`${server.url}/verify/${cert.code}`);
    // The HTML view opens from the list and shows the printable certificate with the name.
    await item.locator(`a[href="/certificates/${cert.id}"]`).click();
    await page.waitForURL(`**/certificates/${cert.id}`);
    await expectText(page.locator("article.certificate-sheet"), arranged.student.full_name);
    // Another student cannot open it.
    const otherCtx = await browser.newContext();
    const other = await otherCtx.newPage();
    await login(other, server.url, "student2@example.com");
    expect((await other.goto(`${server.url}/certificates/${cert.id}.pdf`))?.status()).toBe(404);
    await otherCtx.close();

    // An anonymous visitor follows the share link.
    const visitorCtx = await browser.newContext();
    const visitor = await visitorCtx.newPage();
    expect((await visitor.goto(shareUrl))?.status()).toBe(200);
    await expect(visitor.locator('[data-testid="verify-status"]').getAttribute("data-status")).resolves.toBe("valid");
    await expectText(visitor.locator('[data-testid="verify-recipient"]'), arranged.student.full_name, { exact: true });
    const json = await visitor.request.get(`${shareUrl}.json`);
    expect(json.status()).toBe(200);
    expect((await json.json()).type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect((await visitor.goto(`${server.url}/verify/khong-co-ma-nay`))?.status()).toBe(404);
    // Broken percent-encoding is refused by the server before routing (400); never a 500.
    expect((await visitor.request.get(`${server.url}/verify/%E0%A4%A`)).status()).toBe(400);
    for (const bad of ["a%2Fb", `${cert.code}x`, `${cert.code.slice(0, -1)}.json`, "%00.json"]) {
      expect((await visitor.request.get(`${server.url}/verify/${bad}`)).status(), bad).toBe(404);
    }
    await expectText(visitor.locator("h1"), "Không tìm thấy chứng nhận", { exact: true });

    // The student's teacher prints the class's certificates for this course as one PDF.
    const classId = await arrangeClassOf(arranged.student.id, arranged.programId);
    const teacherCtx = await browser.newContext();
    const teacher = await teacherCtx.newPage();
    await login(teacher, server.url, "teacher@example.com");
    await clickNav(teacher, "Chứng nhận");
    const classLink = teacher.locator(`a[href="/classes/${classId}/certificates.pdf?program=${arranged.programId}"]`, { hasText: "Tải PDF để in" });
    const classHref = await classLink.getAttribute("href");
    const classPdf = await teacher.request.get(`${server.url}${classHref}`);
    expect(classPdf.status()).toBe(200);
    expect(classPdf.headers()["content-type"]).toBe("application/pdf");
    await teacherCtx.close();

    // Staff find it by serial and revoke it with a reason.
    const staffCtx = await browser.newContext();
    const staff = await staffCtx.newPage();
    await login(staff, server.url, "staff@example.com");
    // Typed into the search field and submitted, as staff do (the client-side search navigation is exercised).
    await openStaffTask(staff, "Chứng nhận");
    await staff.getByLabel("Tìm theo tên, số hiệu hoặc chương trình").fill(cert.serial);
    await Promise.all([
      staff.waitForURL((u) => u.searchParams.get("q") === cert.serial),
      staff.getByRole("search").getByRole("button", { name: "Lọc" }).click(),
    ]);
    const revokeForm = staff.locator('form:has(input[name="intent"][value="revoke"])');
    // The address changes when the navigation commits; the filtered list renders just after: wait for it.
    await expect.poll(() => revokeForm.count(), { timeout: 15_000 }).toBe(1);
    await staff.locator("details summary", { hasText: "Thu hồi hoặc cấp lại" }).click();
    await revokeForm.locator('input[name="reason"]').fill("Kiểm tra thu hồi");
    await Promise.all([
      staff.waitForURL((u) => u.searchParams.get("notice") === "notice.certificates.revoked"),
      revokeForm.locator('button[type="submit"]').click(),
    ]);
    await expectText(staff.locator('[role="status"]').first(), "Đã thu hồi chứng nhận");

    // The visitor sees the change at once.
    await visitor.goto(shareUrl);
    await expect(visitor.locator('[data-testid="verify-status"]').getAttribute("data-status")).resolves.toBe("revoked");
    await expectText(visitor.locator('[data-testid="verify-status"]'), "Kiểm tra thu hồi");
    await visitorCtx.close();
    await staffCtx.close();
    await studentCtx.close();
  });

  it("without JavaScript: a student opens a certificate from her pages and its verification page; staff find it by typing a name and open it by its serial", async () => {
    const student = await db.selectFrom("users").select(["id", "full_name"]).where("email", "=", "student@example.com").executeTakeFirstOrThrow();
    // The first valid certificate the demo data gave the demo student (the demo always shows one), and all of hers.
    const cert = await db
      .selectFrom("certificates")
      .select(["id", "serial", "code", "program_title_vi as title"])
      .where("user_id", "=", student.id)
      .where("status", "=", "valid")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const mine = await db.selectFrom("certificates").select("id").where("user_id", "=", student.id).execute();
    expect(mine.length, "one page of certificates (20)").toBeLessThanOrEqual(20);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, server.url, "student@example.com");
    await clickNav(page, "Chứng nhận");
    const items = page.getByTestId("certificate-item");
    await expect(items.count()).resolves.toBe(mine.length);
    const item = items.filter({ hasText: cert.serial });
    await expectText(item.getByRole("heading", { level: 2 }), cert.title, { exact: true });
    await item.getByRole("link", { name: "Xem chứng nhận" }).click();
    expect(new URL(page.url()).pathname).toBe(`/certificates/${cert.id}`);
    const sheet = page.locator("article.certificate-sheet");
    await expectText(sheet, student.full_name);
    await expectText(sheet, cert.serial);
    // "Save to wallet" downloads the signed credential as a file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Lưu vào ví (chứng nhận số, JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${cert.serial}.credential.json`);
    const saved = JSON.parse(await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((s) => {
        const chunks: Buffer[] = [];
        s.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks).toString("utf8"))).on("error", reject);
      }, reject);
    }));
    expect(saved.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" });
    // From the certificate to its public verification page, as the QR code or a shared link would.
    await page.getByRole("link", { name: "Mở trang xác minh" }).click();
    expect(new URL(page.url()).pathname).toBe(`/verify/${cert.code}`);
    await expect(page.getByTestId("verify-status").getAttribute("data-status")).resolves.toBe("valid");
    // The signature and the status list, checked by the server with the standard verifier.
    await expect(page.getByTestId("verify-signature").getAttribute("data-signature")).resolves.toBe("valid");
    await expect(page.getByTestId("verify-status-list").getAttribute("data-status")).resolves.toBe("valid");
    await expectText(page.getByTestId("verify-recipient"), student.full_name, { exact: true });
    await logout(page);

    // Staff type her name without diacritics and pick "Còn hiệu lực": the list holds exactly the valid certificates
    // whose folded text has every typed word (what the search promises), hers among them.
    const words = ["nguyen", "thi", "phuong", "thao"];
    let expected = db.selectFrom("certificates").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "valid");
    for (const w of words) expected = expected.where("search_text", "like", `%${w}%`);
    const { n } = await expected.executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThanOrEqual(1);
    expect(Number(n), "one page of results (25)").toBeLessThanOrEqual(25);
    await login(page, server.url, "staff@example.com");
    await openStaffTask(page, "Chứng nhận");
    await page.getByLabel("Tìm theo tên, số hiệu hoặc chương trình").fill(words.join(" "));
    await page.getByLabel("Trạng thái").selectOption({ label: "Còn hiệu lực" });
    await page.getByRole("search").getByRole("button", { name: "Lọc" }).click();
    const url = new URL(page.url());
    expect([url.searchParams.get("q"), url.searchParams.get("status")]).toEqual([words.join(" "), "valid"]);
    const rows = page.locator("main table tbody tr");
    await expect(rows.count()).resolves.toBe(Number(n));
    for (const text of await rows.allTextContents()) expect(text).toContain("Còn hiệu lực");
    const row = rows.filter({ hasText: cert.serial });
    await expectText(row, student.full_name);
    await expectText(row, "student@example.com");
    await row.getByRole("link", { name: cert.serial, exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/verify/${cert.code}`);
    await expect(page.getByTestId("verify-status").getAttribute("data-status")).resolves.toBe("valid");
    await expectText(page.getByTestId("verify-recipient"), student.full_name, { exact: true });
    await context.close();
  });
});
