// Browser (issue 16): the demo teacher's class booking is confirmed by staff → the teacher prints the signing
// links → a family signs through the link on a phone-sized screen (390 px) → the teacher sees 1 signed → on the
// visit day staff open the day sheet on a phone and check the student in.
import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, expectText, launchBrowser, login, openStaffTask, startServer, type TestServer } from "../helpers/e2e";

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

function write(query: string, ...args: unknown[]) {
  const file = new SQLite(server.databasePath, { fileMustExist: true });
  try {
    file.prepare(query).run(...args);
  } finally {
    file.close();
  }
}

function one<T>(query: string, ...args: unknown[]): T {
  const file = new SQLite(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return file.prepare(query).get(...args) as T;
  } finally {
    file.close();
  }
}

describe("permission slips in the browser", () => {
  it("staff confirm the class booking → a family signs through the printed link on a phone → the teacher sees 1 signed → staff check the student in on the day", async () => {
    const booking = one<{ id: number; reference: string }>(
      "select b.id, b.reference from tour_bookings b join users u on u.id = b.booked_by where u.email = 'teacher@example.com' and b.status = 'requested' and b.class_id is not null order by b.id limit 1",
    );
    const student = one<{ full_name: string }>("select full_name from users where email = 'student@example.com'").full_name;

    const staffCtx = await browser.newContext();
    const staff = await staffCtx.newPage();
    await login(staff, server.url, "staff@example.com");
    await openStaffTask(staff, "Lượt đặt lịch");
    await staff.getByRole("button", { name: `Xác nhận ${booking.reference}` }).click();
    await staff.waitForURL(/notice=notice\.bookings\.updated/);
    await staffCtx.close();

    // The teacher prints the signing links (one per student with a slip, each with a QR code).
    const teacherCtx = await browser.newContext();
    const teacher = await teacherCtx.newPage();
    await login(teacher, server.url, "teacher@example.com");
    await clickNav(teacher, "Lượt đặt lịch");
    await teacher.getByRole("link", { name: booking.reference, exact: true }).click();
    await teacher.waitForURL(new RegExp(`/bookings/${booking.id}$`));
    await teacher.getByRole("link", { name: "Phiếu đồng ý" }).click();
    await teacher.waitForURL(new RegExp(`/bookings/${booking.id}/slips`));
    await expectText(teacher.getByTestId("slip-summary"), "0 đồng ý");
    await teacher.getByRole("button", { name: "In liên kết ký phiếu (mã QR)" }).click();
    const card = teacher.getByTestId("slip-link").filter({ hasText: student });
    await card.waitFor();
    await expect(card.locator("img").count()).resolves.toBe(1);
    const link = ((await card.locator("p.font-mono").textContent()) ?? "").trim();
    expect(link).toMatch(/\/slips\/[A-Za-z0-9_-]{43}$/);

    // A family member on a phone, not signed in.
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await phoneCtx.newPage();
    await phone.goto(link);
    await expectText(phone.getByRole("heading", { level: 1 }), "Phiếu đồng ý tham quan");
    await phone.getByLabel("Có, tôi đồng ý").check();
    await phone.getByLabel("Số điện thoại khẩn cấp").fill("0912 345 678");
    await phone.getByLabel("Dị ứng / ghi chú sức khỏe (không bắt buộc)").fill("Dị ứng tôm");
    await phone.getByLabel("Chữ ký: gõ đầy đủ họ tên của bạn").fill("  Nguyễn Văn Hùng ");
    await phone.getByRole("button", { name: "Ký phiếu" }).click();
    await expectText(phone.getByTestId("slip-answer"), "Nguyễn Văn Hùng");
    // Nothing wider than the phone's screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The link is used up.
    await phone.goto(link);
    await expectText(phone.locator("main"), "Liên kết ký phiếu không còn dùng được");
    await phoneCtx.close();

    await teacher.reload();
    await expectText(teacher.getByTestId("slip-summary"), "1 đồng ý");
    await expectText(teacher.getByTestId("slip-row").filter({ hasText: student }), "Dị ứng tôm");
    await teacherCtx.close();

    // The visit day comes (the slot is moved to now): staff at the door open today's day sheet on a phone.
    const slotId = one<{ slot_id: number }>("select slot_id from tour_bookings where id = ?", booking.id).slot_id;
    write("update tour_slots set starts_at = ?, ends_at = ? where id = ?", new Date().toISOString(), new Date(Date.now() + 3 * 3600_000).toISOString(), slotId);
    const doorCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const door = await doorCtx.newPage();
    await login(door, server.url, "staff@example.com");
    // On a phone the header is one menu button (it folds again on the next page).
    await door.getByText("Trình đơn", { exact: true }).click();
    await Promise.all([door.waitForURL(/\/staff$/), door.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản lý", exact: true }).click()]);
    await Promise.all([door.waitForURL(/\/staff\/bookings$/), door.getByRole("main").getByRole("link", { name: "Lượt đặt lịch", exact: true }).click()]);
    await Promise.all([door.waitForURL(/\/staff\/bookings\/day/), door.getByRole("button", { name: "Xem", exact: true }).click()]);
    await expectText(door.locator("main"), "đã có phiếu đồng ý");
    await Promise.all([door.waitForURL(new RegExp(`/bookings/${booking.id}/checkin`)), door.getByRole("link", { name: `Điểm danh ${booking.reference}` }).click()]);
    await door.getByRole("button", { name: `${student} có mặt` }).click();
    await door.waitForURL(new RegExp(`/bookings/${booking.id}/checkin`));
    await expectText(door.getByTestId("checkin-count"), "1/1 đã có mặt");
    const checkedIn = one<{ n: number }>("select count(*) as n from tour_booking_students s join users u on u.id = s.student_id where s.booking_id = ? and u.full_name = ? and s.checked_in_at is not null", booking.id, student);
    expect(checkedIn.n).toBe(1);
    await doorCtx.close();
  });

  it("staff turn slips on for a workshop → the demo student registers → the guardian signs on their page → staff see it signed", async () => {
    const now = new Date().toISOString();
    const session = one<{ id: number; program_id: number; slug: string; title_vi: string }>(
      `select s.id, s.program_id, p.slug, p.title_vi from workshop_sessions s join programs p on p.id = s.program_id, users u
       where u.email = 'student@example.com' and p.kind = 'workshop' and p.status = 'published' and p.requires_slip = 0
         and s.status = 'scheduled' and s.starts_at > ? and s.confirmed_count < s.capacity
         and (s.registration_opens_at is null or s.registration_opens_at <= ?) and (s.registration_closes_at is null or s.registration_closes_at > ?)
         and (p.grade_min is null or p.grade_min <= u.grade) and (p.grade_max is null or p.grade_max >= u.grade) and p.age_min is null and p.age_max is null
         and not exists (select 1 from workshop_registrations r where r.session_id = s.id and r.user_id = u.id)
         and not exists (
           select 1 from workshop_meetings m join workshop_meetings m2 on m2.starts_at < m.ends_at and m.starts_at < m2.ends_at
           join workshop_registrations r2 on r2.session_id = m2.session_id and r2.user_id = u.id and r2.status = 'confirmed'
           where m.session_id = s.id)
       order by s.starts_at limit 1`,
      now, now, now,
    );
    expect(session).toBeTruthy();

    const staffCtx = await browser.newContext();
    const staff = await staffCtx.newPage();
    await login(staff, server.url, "staff@example.com");
    await staff.goto(`${server.url}/staff/programs/${session.program_id}`);
    await staff.getByLabel(/Cần phiếu đồng ý của phụ huynh/).check();
    await staff.getByRole("button", { name: "Lưu", exact: true }).click();
    await staff.waitForURL(/notice=/);

    const studentCtx = await browser.newContext();
    const student = await studentCtx.newPage();
    await login(student, server.url, "student@example.com");
    await student.goto(`${server.url}/workshops/${session.slug}`);
    await student.getByTestId(`session-${session.id}`).getByRole("button", { name: "Đăng ký" }).click();
    await student.waitForURL(/\/registrations\/\d+\?outcome=now/);
    await studentCtx.close();

    const guardianCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const guardian = await guardianCtx.newPage();
    await login(guardian, server.url, "guardian@example.com");
    await guardian.goto(`${server.url}/guardian`);
    // "Phiếu đồng ý" on the guardian's page: the slip's link (the same title also links to the workshop further down).
    await guardian.locator('a[href^="/guardian/slips/"]', { hasText: session.title_vi }).click();
    await guardian.waitForURL(/\/guardian\/slips\/\d+/);
    await expectText(guardian.getByRole("heading", { level: 1 }), "Phiếu đồng ý tham gia buổi học");
    await guardian.getByLabel("Có, tôi đồng ý").check();
    await guardian.getByLabel("Số điện thoại khẩn cấp").fill("0912 345 678");
    await guardian.getByLabel("Chữ ký: gõ đầy đủ họ tên của bạn").fill("Nguyễn Văn Hùng");
    await guardian.getByRole("button", { name: "Ký phiếu" }).click();
    await expectText(guardian.getByTestId("slip-answer"), "Nguyễn Văn Hùng");
    await guardianCtx.close();

    await staff.goto(`${server.url}/staff/sessions/${session.id}/roster`);
    await staff.getByRole("link", { name: "Phiếu đồng ý" }).click();
    await staff.waitForURL(new RegExp(`/sessions/${session.id}/slips`));
    await expectText(staff.getByTestId("slip-summary"), "1 đồng ý");
    await expectText(staff.getByTestId("slip-row").filter({ hasText: "Nguyễn Văn Hùng" }), "Đồng ý");
    await staffCtx.close();
  });
});
