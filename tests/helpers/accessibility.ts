// The accessibility checks shared by tests/e2e/accessibility*.test.ts (split in two files so that the two browser
// workers share the work): axe-core (WCAG 2 A and AA) with JavaScript on and off, and html-validate's standard
// preset on the HTML the server sends. `useAccessibilityChecks()` starts a server and a browser for the file.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, expect } from "vitest";
import { openSqlite as openDatabase } from "~/lib/db.server";
import { launchBrowser, login, startServer, type TestServer } from "../helpers/e2e";

const htmlValidate = new HtmlValidate({ extends: ["html-validate:standard"] });

/** The HTML standard's complaints about one page, as "path: rule: message" lines. */
export async function invalidHtml(path: string, html: string): Promise<string[]> {
  const report = await htmlValidate.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${path}: ${m.ruleId}: ${m.message} (line ${m.line})`));
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server: TestServer;
let browser: Browser;
let ids: { classId: number; sessionId: number; code: string; lessonId: number; courseId: number; bookingId: number };

/** Registers the file's server and browser (beforeAll/afterAll); what it returns reads them once they exist. */
export function useAccessibilityChecks() {
  beforeAll(startChecks);
  afterAll(async () => {
    checking = null;
    await browser?.close();
    await server?.stop();
  });
  return { ids: () => ids, url: () => server.url, violations, visitor, scanAsShown, submitUnchecked };
}

async function startChecks() {
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
}

/**
 * Violations accepted on purpose, each with its reason. Every other axe violation, of any impact, fails the test.
 * Keep this list short and specific (a rule, and where it is accepted).
 */
const ALLOWED: { rule: string; where: RegExp; reason: string }[] = [];

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };

/** axe on the page as it is now; the violations not on the allow-list, labelled. */
async function scan(page: Page, label: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (d: Document, o: object) => Promise<AxeResult> } }).axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] }),
  );
  return result.violations
    .filter((v) => !ALLOWED.some((a) => a.rule === v.id && a.where.test(label)))
    .map((v) => `${label}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * axe needs timers, which do not run in a page without JavaScript. So a page shown with JavaScript off is scanned
 * as a copy: its HTML (scripts removed, <noscript> content shown, as such a browser shows it) served at the same
 * URL in a checking page, with the same styles. One checking page serves every copy of the file: a fresh context per
 * copy started a cold renderer each time (≈ 2.5 s a scan on the 2-core CI machine, ≈ 0.5 s in a warm page).
 */
type CheckingPage = { page: Page; copy: { url: string; html: string } | null };
let checking: CheckingPage | null = null;

async function checkingPage() {
  if (checking) return checking;
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const state: CheckingPage = { page, copy: null };
  // Only the copied document is answered here; its styles and images come from the server. (Routing also turns
  // off the browser's cache, so the same URL shown twice gets the new copy.)
  await page.route(
    (u) => state.copy?.url === u.href,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: state.copy?.html ?? "" }),
  );
  checking = state;
  return state;
}

async function scanAsShown(page: Page, label: string, javaScript: boolean): Promise<string[]> {
  if (javaScript) return scan(page, label);
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<\/?noscript>/gi, "");
  const target = await checkingPage();
  target.copy = { url: page.url(), html };
  try {
    await target.page.goto(target.copy.url);
    return await scan(target.page, label);
  } finally {
    target.copy = null;
  }
}

/**
 * A browser context for a visitor (signed in when `identifier` is given), with or without JavaScript. axe is
 * injected as a script: the page's CSP would refuse it, so the context bypasses CSP (the app's own scripts are
 * unaffected); with JavaScript off, only the injected axe runs.
 */
async function visitor(identifier: string | null, javaScript: boolean) {
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  if (identifier) await login(page, server.url, identifier);
  return { page, close: () => context.close() };
}

/** Submits a form with the browser's own validation switched off, as a user of an older browser could. */
async function submitUnchecked(page: Page, form: string) {
  await page.locator(form).first().evaluate((f) => f.setAttribute("novalidate", ""));
  await page.locator(form).first().locator('button[type="submit"]').first().click();
}

async function violations(identifier: string | null, paths: string[]) {
  const found: string[] = [];
  for (const javaScript of [true, false]) {
    const { page, close } = await visitor(identifier, javaScript);
    for (const path of paths) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status(), path).toBeLessThan(400);
      // What the server sent (before any script ran) must be valid HTML: checked once per page.
      if (javaScript) found.push(...(await invalidHtml(path, (await res?.text()) ?? "")));
      found.push(...(await scanAsShown(page, `${path}${javaScript ? "" : " (no JavaScript)"}`, javaScript)));
    }
    await close();
  }
  return found;
}

