// The anonymous page cache (server/page-cache.mjs, issue 17): which requests may share an answer, when an entry
// stops being served (data version, age), the nonce of each answer, its bounds; and the SQLite data version it
// relies on (app/lib/db.server.ts), which must move for a write from this connection or a commit from another.
import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { dataVersion, openPostgres, openSqlite } from "~/lib/db.server";
import { createTurns } from "../../server/app.mjs";
import { acceptsGzip, createPageCache, pageCacheTtlMs } from "../../server/page-cache.mjs";

const get = (url: string, cookie?: string, host = "stem.example.vn") => ({
  method: "GET",
  protocol: "https",
  originalUrl: url,
  headers: { host, ...(cookie ? { cookie } : {}) },
});
const page = (body: string, nonce = "n0nce-render", headers: [string, string][] = [["content-type", "text/html"]]) => ({
  status: 200,
  headers,
  body: Buffer.from(body),
  nonce,
});

describe("which requests share an answer", () => {
  const cache = createPageCache({ version: () => "1" });

  it("the catalogue's public pages, and what Remix's client loads for them, without a session", () => {
    for (const url of ["/", "/catalog", "/catalog?q=robot&page=2", "/catalog.data", "/workshops/robot-co-ban", "/courses/python", "/tours/a", "/lab", "/lab/laser", "/workshops/robot-co-ban.data?_routes=routes%2Fworkshops.%24slug", "/_root.data"]) {
      expect(cache.keyFor(get(url)), url).not.toBeNull();
    }
  });

  it("never a signed-in visitor, another cookie, another method or another page", () => {
    expect(cache.keyFor(get("/catalog", "stemhub_session=abc"))).toBeNull();
    expect(cache.keyFor(get("/catalog", "stemhub_lang=en; stemhub_session=abc"))).toBeNull();
    expect(cache.keyFor(get("/catalog", "stemhub_2fa=x"))).toBeNull();
    expect(cache.keyFor({ ...get("/catalog"), method: "POST" })).toBeNull();
    expect(cache.keyFor({ ...get("/catalog"), method: "HEAD" })).toBeNull();
    for (const url of ["/dashboard", "/staff", "/verify/ABC", "/reset-password/tok", "/workshops/a/b", "/catalogue", "/schedule", "/login"]) {
      expect(cache.keyFor(get(url)), url).toBeNull();
    }
  });

  it("keys by language, by origin (a forged Host poisons nothing) and by the whole address", () => {
    const keys = new Set([
      cache.keyFor(get("/catalog")),
      cache.keyFor(get("/catalog", "stemhub_lang=ImVuIg%3D%3D")),
      cache.keyFor(get("/catalog?q=a")),
      cache.keyFor(get("/catalog?q=b")),
      cache.keyFor(get("/catalog.data")),
      cache.keyFor(get("/catalog", undefined, "evil.example.com")),
    ]);
    expect(keys.size).toBe(6);
    expect(cache.keyFor(get("/catalog", "stemhub_lang=ImVuIg%3D%3D"))).toBe(cache.keyFor(get("/catalog", " stemhub_lang=ImVuIg%3D%3D ;")));
  });
});

describe("when an entry is served", () => {
  it("fresh at the data version it was rendered at; after a change, stale while young; gone when old", () => {
    let clock = 1_000;
    const cache = createPageCache({ version: () => "v", ttlMs: 2000, now: () => clock });
    expect(cache.put("k", "7", page("<p>12 chỗ</p>"))).toBe(true);
    expect(cache.lookup("k", "7").fresh?.body.toString()).toBe("<p>12 chỗ</p>");
    expect(cache.lookup("k", "8"), "a change since the render").toEqual({ stale: expect.objectContaining({ version: "7" }) });
    clock += 1999;
    expect(cache.lookup("k", "7").fresh).toBeDefined();
    clock += 1;
    expect(cache.lookup("k", "7"), "2 s old: neither fresh nor stale").toEqual({});
    expect(cache.size).toBe(0);
  });

  it("lets one request at a time render a page again", () => {
    const cache = createPageCache({ version: () => "1" });
    expect(cache.beginRender("k")).toBe(true);
    expect(cache.beginRender("k"), "a second visitor meanwhile").toBe(false);
    expect(cache.beginRender("other")).toBe(true);
    cache.endRender("k");
    expect(cache.beginRender("k"), "free again once the render ended").toBe(true);
  });

  it("never an answer that sets a cookie, is not a 200, is too big, or has no data version", () => {
    const cache = createPageCache({ version: () => "1" });
    expect(cache.put("a", "1", page("x", "n", [["set-cookie", "stemhub_lang=x"]]))).toBe(false);
    expect(cache.put("b", "1", { ...page("x"), status: 404 })).toBe(false);
    expect(cache.put("c", "1", page("x".repeat(512 * 1024 + 1)))).toBe(false);
    expect(cache.put("d", null, page("x"))).toBe(false);
    expect(cache.size).toBe(0);
  });

  it("keeps at most maxEntries, dropping the oldest", () => {
    const cache = createPageCache({ version: () => "1", maxEntries: 3 });
    for (const k of ["a", "b", "c", "d"]) cache.put(k, "1", page(k));
    expect(cache.size).toBe(3);
    expect(cache.lookup("a", "1")).toEqual({});
    expect(cache.lookup("d", "1").fresh?.body.toString()).toBe("d");
  });

  it("keeps the bodies under 32 MB together, and forgets an entry on request", () => {
    const cache = createPageCache({ version: () => "1", maxEntries: 1000, ttlMs: 60_000 });
    const big = "x".repeat(500 * 1024);
    for (let i = 0; i < 70; i++) cache.put(`k${i}`, "1", page(big));
    expect(cache.bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(cache.size).toBe(Math.floor((32 * 1024 * 1024) / (500 * 1024)));
    expect(cache.lookup("k0", "1"), "the oldest went first").toEqual({});
    // Compressed copies count too: making them keeps the whole under the bound, the oldest going first.
    const random = (n: number) => crypto.randomBytes(n).toString("base64");
    for (let i = 60; i < 70; i++) cache.put(`k${i}`, "1", page(random(400 * 1024) + String(i), "none"));
    for (let i = 60; i < 70; i++) cache.chunksFor(cache.lookup(`k${i}`, "1").fresh!, "N", "gzip");
    expect(cache.bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(cache.lookup("k69", "1").fresh, "the newest stay").toBeDefined();
    const before = cache.bytes;
    const newest = cache.lookup("k69", "1").fresh!;
    cache.drop("k69");
    expect(cache.lookup("k69", "1")).toEqual({});
    expect(cache.bytes).toBe(before - newest.body.length - newest.gzip!.bytes);
  });

  it("gives each answer its own CSP nonce in place of the render's", () => {
    const cache = createPageCache({ version: () => "1" });
    cache.put("k", "1", page('<script nonce="RENDER123">a</script><script nonce="RENDER123">b</script>', "RENDER123"));
    const entry = cache.lookup("k", "1").fresh!;
    expect(Buffer.concat(cache.chunksFor(entry, "FRESH456")).toString()).toBe('<script nonce="FRESH456">a</script><script nonce="FRESH456">b</script>');
    cache.put("edges", "1", page("RENDER123 chỗ RENDER123", "RENDER123"));
    expect(Buffer.concat(cache.chunksFor(cache.lookup("edges", "1").fresh!, "N2")).toString()).toBe("N2 chỗ N2");
    cache.put("none", "1", page("no script", "RENDER123"));
    expect(Buffer.concat(cache.chunksFor(cache.lookup("none", "1").fresh!, "N2")).toString()).toBe("no script");
    // Sent as chunks that share the entry's memory: only the nonce is new.
    const chunks = cache.chunksFor(entry, "FRESH456");
    expect(Buffer.concat(chunks).toString()).toBe('<script nonce="FRESH456">a</script><script nonce="FRESH456">b</script>');
    expect(chunks.filter((c) => c.toString() === "FRESH456")).toHaveLength(2);
    expect(chunks[0].buffer).toBe(entry.body.buffer);
  });

  it("compresses an entry once and gives each gzip answer its own nonce, decompressing to the plain answer", () => {
    const cache = createPageCache({ version: () => "1" });
    const html = (nonce: string) => `<p>${"Trải nghiệm STEM ".repeat(500)}</p><script nonce="${nonce}">a</script>${"<li>x</li>".repeat(300)}<script nonce="${nonce}">b</script>`;
    cache.put("k", "1", page(html("RENDER123"), "RENDER123"));
    const entry = cache.lookup("k", "1").fresh!;
    const plainBytes = cache.bytes;
    const first = Buffer.concat(cache.chunksFor(entry, "FRESH456", "gzip"));
    expect(zlib.gunzipSync(first).toString()).toBe(html("FRESH456"));
    expect(first.length, "compressed").toBeLessThan(Buffer.byteLength(html("FRESH456")) / 5);
    // The compressed pieces are counted in the cache's bytes, once.
    expect(cache.bytes).toBeGreaterThan(plainBytes);
    const counted = cache.bytes;
    const again = Buffer.concat(cache.chunksFor(entry, "OTHER789", "gzip"));
    expect(zlib.gunzipSync(again).toString()).toBe(html("OTHER789"));
    expect(cache.bytes).toBe(counted);
    // Nonce at either end, a page without one, an empty page, a nonce longer than a byte's worth of length.
    for (const body of ["RENDER123 chỗ RENDER123", "no script", ""]) {
      cache.put("e", "1", page(body, "RENDER123"));
      const gz = Buffer.concat(cache.chunksFor(cache.lookup("e", "1").fresh!, "N2", "gzip"));
      expect(zlib.gunzipSync(gz).toString(), JSON.stringify(body)).toBe(body.replaceAll("RENDER123", "N2"));
    }
    const long = "n".repeat(300);
    expect(zlib.gunzipSync(Buffer.concat(cache.chunksFor(entry, long, "gzip"))).toString()).toBe(html(long));
    // Dropping the entry gives back its compressed bytes too.
    cache.drop("k");
    cache.drop("e");
    expect(cache.bytes).toBe(0);
  });

  it("compresses text, JSON and scripts, not what is already encoded or binary", () => {
    const cache = createPageCache({ version: () => "1" });
    const types: [string, boolean][] = [
      ["text/html; charset=utf-8", true],
      ["text/x-script", true],
      ["application/json", true],
      ["image/png", false],
    ];
    for (const [type, compressible] of types) {
      cache.put(type, "1", page("x", "n", [["Content-Type", type]]));
      expect(cache.lookup(type, "1").fresh!.compressible, type).toBe(compressible);
    }
    cache.put("gz", "1", page("x", "n", [["content-type", "text/html"], ["content-encoding", "br"]]));
    expect(cache.lookup("gz", "1").fresh!.compressible).toBe(false);
  });

  it("reads whether a client accepts gzip from Accept-Encoding", () => {
    for (const header of ["gzip", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*", "deflate, *;q=0.1", "x-gzip", "GZIP"]) {
      expect(acceptsGzip(header), header).toBe(true);
    }
    for (const header of [undefined, "", "identity", "br", "gzip;q=0", "*, gzip;q=0", "gzip;q=0.0, br", "*;q=0"]) {
      expect(acceptsGzip(header), String(header)).toBe(false);
    }
  });

  it("is off with PAGE_CACHE_SECONDS=0 or when the store has no data version", () => {
    expect(createPageCache({ version: () => "1", ttlMs: pageCacheTtlMs("0") }).keyFor(get("/catalog"))).toBeNull();
    const throwing = createPageCache({ version: () => { throw new Error("closed"); } });
    expect(throwing.version()).toBeNull();
    expect(pageCacheTtlMs(undefined)).toBe(2000);
    expect(pageCacheTtlMs("5")).toBe(5000);
    expect(() => pageCacheTtlMs("soon")).toThrow(/PAGE_CACHE_SECONDS/);
    expect(() => pageCacheTtlMs("-1")).toThrow(/PAGE_CACHE_SECONDS/);
  });
});

describe("one request started per turn of the event loop", () => {
  it("lets what arrives meanwhile (an I/O callback) run between two requests that were waiting together", async () => {
    const nextTurn = createTurns();
    const order: string[] = [];
    const request = async (name: string) => {
      await nextTurn();
      order.push(name);
    };
    const all = Promise.all([request("a"), request("b"), request("c")]);
    setImmediate(() => order.push("arrived"));
    await all;
    expect(order).toEqual(["a", "arrived", "b", "c"]);
  });

  it("waits an iteration after a connection was accepted, so connections arriving together queue first; at most maxAcceptMs", async () => {
    const nextTurn = createTurns();
    const order: string[] = [];
    const request = async (name: string) => {
      await nextTurn();
      order.push(name);
    };
    nextTurn.noteConnection();
    const first = request("a");
    // The loop accepts the next connection in the following iteration; its request joins the queue after "a".
    setImmediate(() => order.push("iteration 1"));
    await first;
    expect(order).toEqual(["iteration 1", "a"]);

    // A connection accepted in every iteration cannot hold the queue longer than maxAcceptMs.
    let clock = 0;
    const flooded = createTurns({ maxAcceptMs: 5, now: () => clock });
    let iterations = 0;
    let served = false;
    const flood = () => {
      if (served) return;
      iterations += 1;
      clock += 1;
      flooded.noteConnection();
      setImmediate(flood);
    };
    flooded.noteConnection();
    const waited = flooded().then(() => (served = true));
    setImmediate(flood);
    await waited;
    expect(iterations).toBeGreaterThanOrEqual(4);
    expect(iterations).toBeLessThanOrEqual(7);
  });
});

describe("the data version", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("on SQLite moves with a write here and a commit elsewhere, not with a read", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-version-"));
    const file = path.join(dir, "v.db");
    const here = openSqlite(file);
    const elsewhere = openSqlite(file);
    try {
      await sql`create table t (n integer)`.execute(here);
      const v0 = dataVersion(here);
      expect(v0).toMatch(/^\d+:\d+$/);
      await sql`select count(*) from t`.execute(here);
      expect(dataVersion(here), "a read").toBe(v0);
      await sql`insert into t (n) values (1)`.execute(here);
      const v1 = dataVersion(here);
      expect(v1, "a write on this connection").not.toBe(v0);
      await sql`insert into t (n) values (2)`.execute(elsewhere);
      expect(dataVersion(here), "a commit on another connection").not.toBe(v1);
    } finally {
      await here.destroy();
      await elsewhere.destroy();
    }
  });

  it("on PostgreSQL is absent, so the cache stays off", async () => {
    const pgHandle = openPostgres("postgres://nobody@127.0.0.1:1/none", 1);
    expect(dataVersion(pgHandle)).toBeNull();
    await pgHandle.destroy();
  });
});
