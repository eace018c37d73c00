// Browser tests: the production build served on a free port with a fresh database, driven by the system Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { serverNodeFlags } from "../../server/node-flags.mjs";
import { expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ROOT = path.resolve(__dirname, "..", "..");
const BUILD_DIR = path.resolve(ROOT, process.env.STEMHUB_BUILD_DIR || "build");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface TestServer {
  url: string;
  databasePath: string;
  /** The server's (or, with workers, the cluster primary's) process id. */
  pid(): number;
  stop(): Promise<void>;
  logs(): string;
}

/**
 * Starts `server/index.mjs` on the built app with an empty database file (demo data loaded unless seed=false),
 * or on a PostgreSQL database (`databaseUrl`), optionally with several worker processes (`workers`).
 */
export async function startServer(
  opts: { seed?: boolean; databaseUrl?: string; databasePath?: string; workers?: number; env?: Record<string, string> } = {},
): Promise<TestServer> {
  if (!fs.existsSync(path.join(BUILD_DIR, "server", "index.js"))) {
    throw new Error(`No production build in ${BUILD_DIR}: run "npm run build" first (npm test does).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-e2e-"));
  const databasePath = opts.databasePath ?? path.join(dir, "test.db");
  const port = await freePort();
  let output = "";
  // Started as `npm start` starts it (its Node flags: server/node-flags.mjs).
  const child: ChildProcess = spawn(process.execPath, [...serverNodeFlags(), path.join(ROOT, "server", "index.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      SEED_DEMO_DATA: opts.seed === false ? "false" : "true",
      PUBLIC_ORIGIN: "",
      DATABASE_URL: opts.databaseUrl ?? "",
      WEB_CONCURRENCY: String(opts.workers ?? 1),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b) => (output += b.toString()));
  child.stderr?.on("data", (b) => (output += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    databasePath,
    logs: () => output,
    pid: () => child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The system Chromium, headless. `fakeCamera`: a video file (.y4m or .mjpeg) that the browser's camera shows, with
 * camera permission prompts accepted (the check-in scanner's test makes the file from a student card's QR code).
 */
export async function launchBrowser(opts: { fakeCamera?: string } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium; or set CHROMIUM_PATH). Not skipping.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
      ...(opts.fakeCamera
        ? ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${opts.fakeCamera}`]
        : []),
    ],
  });
}

import { DEMO_PASSWORD } from "./demo";
export { DEMO_PASSWORD };

export async function login(page: Page, baseUrl: string, identifier: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="identifier"]').fill(identifier);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.locator('main form[method="post"] button[type="submit"]').click()]);
}

export async function logout(page: Page) {
  await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.locator('form[action="/logout"] button').click()]);
}

/**
 * Waits until the element's text contains (or, with exact, equals; or matches) what is expected, and fails with
 * the last text seen. After a client-side navigation the URL changes just before the new page renders, so a
 * one-off read can see the previous page.
 */
export async function expectText(
  locator: import("playwright-core").Locator,
  expected: string | RegExp,
  opts: { exact?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent({ timeout: 1_000 }).catch(() => null);
    if (last !== null) {
      const ok =
        expected instanceof RegExp ? expected.test(last) : opts.exact ? last.trim() === expected : last.includes(expected);
      if (ok) return;
    }
    if (Date.now() > deadline) {
      throw new Error(`expected text ${opts.exact ? "equal to" : "matching"} ${String(expected)}, last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const MAIN_NAV = /^(Điều hướng chính|Main navigation)$/;

/**
 * Clicks the link called `name` in the navigation landmark called `nav` (by default the header's main navigation),
 * as a user does, and waits until its page is shown: the address is the link's and the link is marked current
 * (NavLink sets aria-current="page" only once the new page has rendered, with or without JavaScript).
 */
export async function clickNav(page: Page, name: string, nav: string | RegExp = MAIN_NAV): Promise<void> {
  const link = page.getByRole("navigation", { name: nav }).getByRole("link", { name, exact: true });
  const href = await link.getAttribute("href");
  if (!href) throw new Error(`no link "${name}" in the navigation ${String(nav)}`);
  const here = new URL(page.url());
  // Clicking the page one is on would return at once (address and mark already right) while the page reloads.
  if (here.pathname + here.search === href) throw new Error(`already on ${href}: nothing to click`);
  await Promise.all([page.waitForURL((u) => u.pathname + u.search === href), link.click()]);
  await expect.poll(() => link.getAttribute("aria-current"), { timeout: 10_000 }).toBe("page");
}

/** The header's bell: opens the notifications page, whatever the unread count in its name. */
export async function openNotifications(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL((u) => u.pathname === "/notifications"),
    page.getByRole("banner").getByRole("link", { name: /^(Thông báo|Notifications)/ }).click(),
  ]);
  await page.getByRole("heading", { level: 1 }).filter({ hasText: /Thông báo|Notifications/ }).waitFor();
}

/** Types keywords into the catalogue's search form (the page must be /catalog) and submits it with its button. */
export async function searchCatalog(page: Page, keywords: string): Promise<void> {
  await page.getByLabel("Từ khóa").fill(keywords);
  await Promise.all([
    page.waitForURL((u) => u.pathname === "/catalog" && u.searchParams.get("q") === keywords),
    page.getByRole("search").getByRole("button", { name: "Tìm kiếm" }).click(),
  ]);
}

/** Clicks a download link (`<a download>`) and returns the text of the file the browser saved. */
export async function downloadText(page: Page, link: import("playwright-core").Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = await download.path();
  return fs.readFileSync(file, "utf8");
}

/** From any page: the header's "Quản lý", then one of the tasks listed on the staff hub (waits for its address). */
export async function openStaffTask(page: Page, name: string): Promise<void> {
  await clickNav(page, "Quản lý");
  const link = page.getByRole("main").getByRole("link", { name, exact: true });
  const href = await link.getAttribute("href");
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  await page.getByRole("heading", { level: 1 }).waitFor();
}
