// Every main page, for each role, checked with axe-core (WCAG 2 A and AA), with JavaScript on and off: no violation
// of any impact beyond the allow-list in tests/helpers/accessibility.ts; and the HTML the server sends is valid
// (html-validate's standard preset). Public, student and teacher pages here; staff pages and error states in
// accessibility-staff.test.ts (two files, so the two browser workers share the work).
import { describe, expect, it } from "vitest";
import { invalidHtml, useAccessibilityChecks } from "../helpers/accessibility";

const { ids, violations } = useAccessibilityChecks();

describe("accessibility (axe-core, WCAG 2 A/AA) and valid HTML", () => {
  it("the HTML check catches what it must (a <style> inside <article>, as certificate pages once had)", async () => {
    const bad = "<!doctype html><html lang=vi><head><title>x</title></head><body><article><style>p{}</style><p>x</p></article></body></html>";
    expect((await invalidHtml("/bad", bad)).length).toBeGreaterThan(0);
  });

  it("public pages", async () => {
    expect(
      await violations(null, [
        "/",
        "/catalog",
        "/catalog?q=robot",
        "/workshops/robot-co-ban",
        "/tours/tham-quan-fab-lab-va-tram-stem",
        "/courses/lap-trinh-python-cho-hoc-sinh",
        "/login",
        "/signup",
        `/verify/${ids().code}`,
      ]),
    ).toEqual([]);
  });

  it("student pages", async () => {
    expect(
      await violations("student@example.com", [
        "/dashboard",
        "/schedule",
        "/certificates",
        "/notifications",
        "/account",
        "/join",
        "/learn/lap-trinh-python-cho-hoc-sinh",
        `/learn/lap-trinh-python-cho-hoc-sinh/${ids().lessonId}`,
      ]),
    ).toEqual([]);
  });

  it("teacher pages", async () => {
    const c = ids().classId;
    expect(
      await violations("teacher@example.com", [
        "/dashboard",
        "/classes",
        `/classes/${c}`,
        `/classes/${c}/members`,
        `/classes/${c}/progress`,
        `/classes/${c}/enrol`,
        `/classes/${c}/accounts/bulk`,
        `/classes/${c}/cards`,
        "/bookings",
        "/school",
      ]),
    ).toEqual([]);
  });
});
