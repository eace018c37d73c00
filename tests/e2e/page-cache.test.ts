// The anonymous page cache through the real server (server/page-cache.mjs, issue 17): a visitor without a session
// gets the cached render with a CSP nonce of its own; a signed-in student never does; after the student registers,
// the anonymous visitor sees the seat taken within the cache's bound (2 s), with JavaScript off, by reloading.
import http from "node:http";
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectText, launchBrowser, login, startServer, type TestServer } from "../helpers/e2e";

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

const PROGRAM = "/workshops/robot-co-ban";

/** The nonce the answer's CSP allows, and every nonce attribute in its HTML. */
function nonces(r: Response, html: string) {
  const allowed = /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
  const used = [...html.matchAll(/ nonce="([^"]+)"/g)].map((m) => m[1]);
  return { allowed, used };
}

/**
 * The server's background jobs (the e-mail sender delivering what a registration queued, the guardians' job a few
 * seconds after start) may write at any moment, and any write makes the cache answer "stale" once while it renders
 * the page again. So a test that wants the cached render asks until it gets a hit (within 5 s); every answer in
 * between must be "stale" or "miss", never an error.
 */
async function untilHit<R>(ask: () => Promise<R>, header: (r: R) => string | null | undefined): Promise<R> {
  const seen: string[] = [];
  const until = Date.now() + 5_000;
  for (;;) {
    const r = await ask();
    const state = String(header(r));
    if (state === "hit") return r;
    seen.push(state);
    expect(["stale", "miss"], `answers so far: ${seen.join(", ")}`).toContain(state);
    expect(Date.now(), `no hit within 5 s: ${seen.join(", ")}`).toBeLessThan(until);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A GET as a browser sends it, the body as it came (not decompressed). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("pages cached for visitors without a session", () => {
  it("answers a browser that accepts gzip with the cached page compressed, the same page with its own nonce", async () => {
    const browserEncoding = { "accept-encoding": "gzip, deflate, br, zstd" };
    const zipped = await untilHit(
      () => rawGet(`${server.url}${PROGRAM}`, browserEncoding),
      (r) => r.headers["x-page-cache"] as string | undefined,
    );
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    // The same security headers as every other answer.
    expect(zipped.headers["x-frame-options"]).toBe("DENY");
    expect(zipped.headers["x-content-type-options"]).toBe("nosniff");
    const html = zlib.gunzipSync(zipped.body).toString("utf8");
    const nonce = /'nonce-([^']+)'/.exec(String(zipped.headers["content-security-policy"]))?.[1];
    expect(new Set([...html.matchAll(/ nonce="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set([nonce]));

    const plain = await untilHit(
      () => rawGet(`${server.url}${PROGRAM}`, {}),
      (r) => r.headers["x-page-cache"] as string | undefined,
    );
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const plainNonce = /'nonce-([^']+)'/.exec(String(plain.headers["content-security-policy"]))?.[1];
    expect(plainNonce).not.toBe(nonce);
    expect(html.replaceAll(nonce!, "N")).toBe(plain.body.toString("utf8").replaceAll(plainNonce!, "N"));
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
  });

  it("serves the render again with a fresh nonce; never to a signed-in user", async () => {
    const first = await fetch(`${server.url}${PROGRAM}`);
    const firstHtml = await first.text();
    expect(first.status).toBe(200);
    expect(["miss", "hit"]).toContain(first.headers.get("x-page-cache"));
    const second = await untilHit(
      () => fetch(`${server.url}${PROGRAM}`),
      (r) => r.headers.get("x-page-cache"),
    );
    const secondHtml = await second.text();
    const a = nonces(first, firstHtml);
    const b = nonces(second, secondHtml);
    expect(a.used.length).toBeGreaterThan(0);
    expect(new Set(a.used)).toEqual(new Set([a.allowed]));
    expect(new Set(b.used), "the cached page carries this answer's nonce").toEqual(new Set([b.allowed]));
    expect(b.allowed).not.toBe(a.allowed);
    expect(secondHtml.replaceAll(b.allowed!, "N")).toBe(firstHtml.replaceAll(a.allowed!, "N"));

    // Another language is another entry; a signed-in student is never served from the cache.
    const english = await fetch(`${server.url}${PROGRAM}`, { headers: { cookie: "stemhub_lang=ImVuIg%3D%3D" } });
    expect(await english.text()).toContain("Robotics basics");
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, server.url, "student@example.com");
    const response = await page.goto(`${server.url}${PROGRAM}`);
    expect(response?.headers()["x-page-cache"]).toBeUndefined();
    await context.close();
  });

  it("shows a registration to the anonymous visitor within 2 s (JavaScript off)", async () => {
    const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto(`${server.url}${PROGRAM}`);
    const seats = visitor.locator('article[data-testid^="session-"]').first().getByTestId("seats");
    await expectText(seats, "Còn 12 chỗ");

    const student = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await login(student, server.url, "student@example.com");
    await student.goto(`${server.url}${PROGRAM}`);
    await student.locator('article[data-testid^="session-"]').first().getByRole("button", { name: "Đăng ký" }).click();
    await student.getByText("Bạn đã đăng ký thành công").waitFor();
    const registeredAt = Date.now();

    // The visitor reloads: at most the cache's bound later, the page shows the seat taken.
    const states: string[] = [];
    for (;;) {
      const r = await visitor.reload();
      states.push(String(r?.headers()["x-page-cache"]));
      if ((await seats.textContent())?.includes("Còn 11 chỗ")) break;
      expect(Date.now() - registeredAt, `reloads: ${states.join(", ")}`).toBeLessThan(2_500);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The first reload after the change found the old render (stale) or rendered anew; never an old "hit".
    expect(["stale", "miss"]).toContain(states[0]);
    // Then the new render is served from the cache (the e-mail sender's writes may make a reload or two "stale").
    await untilHit(
      async () => {
        const r = await visitor.reload();
        await expectText(seats, "Còn 11 chỗ");
        return r;
      },
      (r) => r?.headers()["x-page-cache"],
    );
  });
});
