// HTTP-level protections of server/: body and URL limits (also for chunked bodies, without buffering them),
// secrets kept out of the request log, TRUST_PROXY as a hop count or an address list, and redirect targets.
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/lib/guards.server";
import { LIMITS, requestLimits } from "../../server/limits.mjs";
import { redactUrl } from "../../server/redact.mjs";
import { trustProxySetting } from "../../server/app.mjs";

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.set("trust proxy", trustProxySetting("1"));
  app.get("/ip", (req, res) => res.json({ ip: req.ip }));
  app.use(requestLimits());
  app.post(/.*/, (req, res) => res.json({ bytes: (req as unknown as { limitedBody: Buffer }).limitedBody.length }));
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((r) => server.close(r)));

/** Streams `total` bytes in 64 KB chunks without a Content-Length (chunked), resolving with the status. */
function postChunked(path: string, total: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** A raw HTTP/1.1 client (so nothing hides a reset): see the test that uses it. */
function postTooLargeThenContinue(chunked: boolean) {
  return new Promise<{ status: string; wroteAll: boolean; error?: string; nextRequestAnswered: boolean }>((resolve) => {
    const total = 3 * 1024 * 1024;
    const { port } = new URL(base);
    const socket = net.connect(Number(port), "127.0.0.1");
    let got = "";
    let error: string | undefined;
    let wroteAll = false;
    socket.on("error", (e) => (error = (e as NodeJS.ErrnoException).code));
    socket.on("close", () => resolve({ status: got.slice(9, 12), wroteAll, error, nextRequestAnswered: /HTTP\/1\.1 200[\s\S]*"bytes":3/.test(got) }));
    const framing = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${total}`;
    const piece = (b: Buffer) => (chunked ? Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")]) : b);
    const first = Buffer.alloc(chunked ? LIMITS.bodyBytes + 64 * 1024 : 64 * 1024, "a");
    socket.write(`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n${framing}\r\n\r\n`);
    socket.write(piece(first));
    let sent = first.length;
    let answered = false;
    socket.on("data", async (d: Buffer) => {
      got += d.toString("latin1");
      if (answered || !got.includes("\r\n\r\n")) return;
      answered = true;
      const chunk = Buffer.alloc(64 * 1024, "a");
      while (sent < total && !error) {
        sent += chunk.length;
        if (!socket.write(piece(chunk))) await new Promise((r) => socket.once("drain", r));
      }
      if (chunked) socket.write("0\r\n\r\n");
      wroteAll = !error;
      socket.write("POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=b");
    });
  });
}

describe("request limits", () => {
  it("accepts a form under the limit and hands its bytes on", async () => {
    const r = await fetch(`${base}/login`, { method: "POST", body: "identifier=a&password=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ bytes: 23 });
  });

  it("refuses a 10 MB form post by its Content-Length with 413 and a page in both languages", async () => {
    const r = await fetch(`${base}/login`, { method: "POST", body: Buffer.alloc(10 * 1024 * 1024, "a"), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(r.status).toBe(413);
    const text = await r.text();
    expect(text).toContain("Dữ liệu gửi lên quá lớn");
    expect(text).toContain("too large");
  });

  it("lets a client that is still sending a too-large form read the 413, and keeps its connection usable", async () => {
    // The sender waits for the 413 once the server has had enough to refuse (64 KB of an announced 3 MB; or,
    // chunked, just past the limit), then sends the rest. Closing on it would fail those writes (EPIPE or
    // ECONNRESET: a browser shows a network error instead of the 413 page); the next request on the connection works.
    for (const chunked of [false, true]) {
      expect(await postTooLargeThenContinue(chunked), chunked ? "chunked" : "with Content-Length").toEqual({
        status: "413",
        wroteAll: true,
        error: undefined,
        nextRequestAnswered: true,
      });
    }
  });

  it("refuses a chunked 200 MB post with 413 after the limit, without the server's memory growing", async () => {
    const before = process.memoryUsage().rss;
    const r = await postChunked("/login", 200 * 1024 * 1024);
    expect(r.status).toBe(413);
    // The answer comes long before 200 MB were sent, and what was read was never kept.
    expect(r.sent).toBeLessThan(50 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("gives upload routes a larger limit, and only them", async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, "a");
    expect((await fetch(`${base}/classes/7/accounts/bulk`, { method: "POST", body })).status).toBe(200);
    expect((await fetch(`${base}/classes/7/members`, { method: "POST", body })).status).toBe(413);
    expect(LIMITS.uploadBytes).toBeGreaterThan(LIMITS.bodyBytes);
  });

  it("refuses an over-long URL with 414", async () => {
    const r = await fetch(`${base}/catalog?q=${"a".repeat(5000)}`, { method: "POST" });
    expect(r.status).toBe(414);
  });
});

describe("the request log", () => {
  it("never shows feed tokens, join codes, verification codes or token/code query parameters", () => {
    const cases: [string, string][] = [
      ["/calendar/Zx9_abcDEF123456789012345678901234.ics", "/calendar/[redacted]"],
      ["/join/ABCD2345", "/join/[redacted]"],
      ["/verify/k3J9xQ2mN8pL5rT7vW1yZ4.json", "/verify/[redacted].json"],
      ["/reset-password/abc?x=1", "/reset-password/[redacted]?x=1"],
      ["/login?redirectTo=%2Fclasses&token=s3cr3t", "/login?redirectTo=%2Fclasses&token=[redacted]"],
      ["/anything?code=123456&page=2", "/anything?code=[redacted]&page=2"],
      ["/catalog?q=robot&page=2", "/catalog?q=robot&page=2"],
    ];
    for (const [url, logged] of cases) expect(redactUrl(url)).toBe(logged);
  });
});

describe("TRUST_PROXY", () => {
  it("reads a hop count as a number and a list as addresses", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("2")).toBe(2);
    expect(trustProxySetting("10.0.0.1, 10.0.0.2")).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(trustProxySetting("loopback")).toEqual(["loopback"]);
  });

  it("with one proxy, the client is the address the proxy saw, not the proxy's own", async () => {
    const a = await (await fetch(`${base}/ip`, { headers: { "x-forwarded-for": "203.0.113.7" } })).json();
    const b = await (await fetch(`${base}/ip`, { headers: { "x-forwarded-for": "198.51.100.9" } })).json();
    expect(a.ip).toBe("203.0.113.7");
    expect(b.ip).toBe("198.51.100.9");
    // A client cannot pick its address by sending its own header in front: only the last hop counts.
    const c = await (await fetch(`${base}/ip`, { headers: { "x-forwarded-for": "1.2.3.4, 203.0.113.7" } })).json();
    expect(c.ip).toBe("203.0.113.7");
  });
});

describe("redirect targets", () => {
  it("land on a same-origin path whatever is hostile in them", () => {
    const hostile = [
      "/\t/evil.example",
      "/%09/evil.example",
      "/\n/evil.example",
      "/%0a/evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "//evil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "javascript:alert(1)",
      "https://evil.example/",
      "http:/evil.example",
      " /classes",
      "",
    ];
    for (const to of hostile) {
      const target = safeRedirectPath(to);
      expect(target, to).toBe("/dashboard");
    }
    expect(safeRedirectPath("/classes/1?tab=progress#top")).toBe("/classes/1?tab=progress#top");
    expect(safeRedirectPath("/workshops/robot-co-ban?session=3")).toBe("/workshops/robot-co-ban?session=3");
  });
});
