// Every main page, for each role, checked with axe-core (WCAG 2 A and AA): no serious or critical violation;
// and the HTML the server sends is valid (html-validate's standard preset).
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite as openDatabase } from "~/lib/db.server";
import { launchBrowser, login, startServer, type TestServer } from "../helpers/e2e";

const htmlValidate = new HtmlValidate({ extends: ["html-validate:standard"] });

/** The HTML standard's complaints about one page, as "path: rule: message" lines. */
async function invalidHtml(path: string, html: string): Promise<string[]> {
  const report = await htmlValidate.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${path}: ${m.ruleId}: ${m.message} (line ${m.line})`));
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server: TestServer;
let browser: Browser;
let ids: { classId: number; sessionId: number; code: string; lessonId: number; courseId: number; bookingId: number };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const db = openDatabase(server.databasePath);
  const first = async <T,>(q: Promise<T | undefined>) => {
    const row = await q;
    if (!row) throw new Error("demo data missing");
    return row;
  };
  const lesson = await first(
    db
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .innerJoin("programs as p", "p.id", "m.program_id")
      .select(["l.id", "p.id as programId"])
      .where("p.slug", "=", "lap-trinh-python-cho-hoc-sinh")
      .orderBy("m.position")
      .orderBy("l.position")
      .executeTakeFirst(),
  );
  ids = {
    classId: (await first(db.selectFrom("classes").select("id").orderBy("id").executeTakeFirst())).id,
    sessionId: (await first(db.selectFrom("workshop_sessions").select("id").orderBy("id").executeTakeFirst())).id,
    code: (await first(db.selectFrom("certificates").select("code").where("status", "=", "valid").executeTakeFirst())).code,
    bookingId: (await first(db.selectFrom("tour_bookings").select("id").orderBy("id").executeTakeFirst())).id,
    lessonId: lesson.id,
    courseId: lesson.programId,
  };
  await db.destroy();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function violations(identifier: string | null, paths: string[]) {
  // axe is injected as a script: the page's CSP would refuse it, so this context bypasses CSP (the app's own
  // scripts are unaffected).
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  if (identifier) await login(page, server.url, identifier);
  const found: string[] = [];
  for (const path of paths) {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBeLessThan(400);
    // What the server sent (before any script ran) must be valid HTML.
    found.push(...(await invalidHtml(path, (await res?.text()) ?? "")));
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(
        document,
        { runOnly: ["wcag2a", "wcag2aa"] },
      ),
    );
    for (const v of result.violations) {
      if (v.impact === "serious" || v.impact === "critical") found.push(`${path}: ${v.id} (${v.impact}) at ${v.nodes[0]?.target.join(" ")}`);
    }
  }
  await context.close();
  return found;
}

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
        `/verify/${ids.code}`,
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
        `/learn/lap-trinh-python-cho-hoc-sinh/${ids.lessonId}`,
      ]),
    ).toEqual([]);
  });

  it("teacher pages", async () => {
    const c = ids.classId;
    expect(
      await violations("teacher@example.com", [
        "/dashboard",
        "/classes",
        `/classes/${c}`,
        `/classes/${c}/members`,
        `/classes/${c}/progress`,
        `/classes/${c}/enrol`,
        `/classes/${c}/accounts/bulk`,
        "/bookings",
        "/school",
      ]),
    ).toEqual([]);
  });

  it("staff pages", async () => {
    expect(
      await violations("staff@example.com", [
        "/staff",
        "/staff/programs",
        `/staff/sessions/${ids.sessionId}/roster`,
        `/staff/sessions/${ids.sessionId}/edit`,
        "/staff/courses",
        `/staff/courses/${ids.courseId}`,
        `/staff/courses/${ids.courseId}/report`,
        `/staff/courses/${ids.courseId}/lessons/${ids.lessonId}`,
        "/staff/tours",
        "/staff/bookings",
        `/staff/bookings/${ids.bookingId}`,
        "/staff/bookings/day",
        "/staff/schools",
        "/staff/certificates",
      ]),
    ).toEqual([]);
  });
});
