// Staff pages and pages in their error states (forms refused with messages, 403, 404), checked as in
// accessibility.test.ts (axe-core WCAG 2 A/AA with JavaScript on and off, valid HTML).
import { describe, expect, it } from "vitest";
import { useAccessibilityChecks } from "../helpers/accessibility";

const { ids, url, violations, visitor, scanAsShown, submitUnchecked } = useAccessibilityChecks();

describe("accessibility of staff pages and error states (axe-core, WCAG 2 A/AA) and valid HTML", () => {
  // Two tests, so that neither nears the time limit on a loaded machine.
  it("staff pages: programmes, sessions and courses", async () => {
    expect(
      await violations("staff@example.com", [
        "/staff",
        "/staff/programs",
        `/staff/sessions/${ids().sessionId}/roster`,
        `/staff/sessions/${ids().sessionId}/edit`,
        "/staff/courses",
        `/staff/courses/${ids().courseId}`,
        `/staff/courses/${ids().courseId}/report`,
        `/staff/courses/${ids().courseId}/lessons/${ids().lessonId}`,
      ]),
    ).toEqual([]);
  });

  it("staff pages: tours, bookings, schools, certificates and class enrolment", async () => {
    expect(
      await violations("staff@example.com", [
        "/staff/tours",
        "/staff/bookings",
        `/staff/bookings/${ids().bookingId}`,
        "/staff/bookings/day",
        "/staff/schools",
        "/staff/certificates",
        `/classes/${ids().classId}/enrol`,
      ]),
    ).toEqual([]);
  });

  it("pages in their error states: forms refused with messages next to the fields, 403 and 404 (JavaScript on and off)", async () => {
    const found: string[] = [];
    for (const javaScript of [true, false]) {
      const suffix = javaScript ? "" : " (no JavaScript)";
      const anon = await visitor(null, javaScript);
      const page = anon.page;
      // Log-in refused: empty fields (the browser's own check switched off, so the server answers), then a wrong password.
      await page.goto(`${url()}/login`);
      await submitUnchecked(page, 'main form[method="post"]');
      await page.getByText("Vui lòng nhập thông tin này.").first().waitFor();
      found.push(...(await scanAsShown(page, `/login, empty${suffix}`, javaScript)));
      await page.locator('input[name="identifier"]').fill("student@example.com");
      await page.locator('input[name="password"]').fill("sai-mat-khau-roi");
      await page.locator('main form[method="post"] button[type="submit"]').click();
      await page.getByText("Email/tên đăng nhập hoặc mật khẩu không đúng.").first().waitFor();
      found.push(...(await scanAsShown(page, `/login, wrong password${suffix}`, javaScript)));
      // Sign-up refused.
      await page.goto(`${url()}/signup`);
      await submitUnchecked(page, 'main form[method="post"]');
      await page.getByText("Vui lòng nhập thông tin này.").first().waitFor();
      found.push(...(await scanAsShown(page, `/signup, empty${suffix}`, javaScript)));
      // Not found.
      expect((await page.goto(`${url()}/khong-co-trang-nay`))?.status()).toBe(404);
      found.push(...(await scanAsShown(page, `404${suffix}`, javaScript)));
      expect((await page.goto(`${url()}/verify/KHONGCO1234`))?.status()).toBe(404);
      found.push(...(await scanAsShown(page, `/verify unknown code${suffix}`, javaScript)));
      await anon.close();

      // Forbidden: a student in the staff area.
      const student = await visitor("student@example.com", javaScript);
      expect((await student.page.goto(`${url()}/staff`))?.status()).toBe(403);
      found.push(...(await scanAsShown(student.page, `403${suffix}`, javaScript)));
      await student.close();

      // A staff form refused: a new program without its names.
      const staff = await visitor("staff@example.com", javaScript);
      await staff.page.goto(`${url()}/staff/programs/new`);
      await submitUnchecked(staff.page, 'main form:has(button:text("Tạo chương trình"))');
      await staff.page.getByText("Vui lòng nhập thông tin này.").first().waitFor();
      found.push(...(await scanAsShown(staff.page, `/staff/programs/new, empty${suffix}`, javaScript)));
      await staff.close();
    }
    expect(found).toEqual([]);
  });
});
