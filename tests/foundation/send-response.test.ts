// server/app.mjs sendResponse: a small body goes out in one write with its length; a large one is streamed
// whole; status, headers and an empty body pass through (issue 17).
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUFFERED_BODY_LIMIT, createBatchedWriter, sendResponse } from "../../server/app.mjs";

let server: http.Server;
let base: string;
const writes: Record<string, number> = {};

function chunked(parts: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(enc.encode(p));
      controller.close();
    },
  });
}

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => {
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    writes[req.path] = 0;
    res.write = ((...a: Parameters<typeof write>) => (writes[req.path]++, write(...a))) as typeof res.write;
    res.end = ((...a: unknown[]) => (a[0] !== undefined && typeof a[0] !== "function" && writes[req.path]++, (end as (...x: unknown[]) => unknown)(...a))) as typeof res.end;
    next();
  });
  app.get("/small", (_req, res) =>
    sendResponse(res, new Response(chunked(["<!DOCTYPE html>", "<p>", "Xin chào", "</p>"]), { status: 201, headers: { "X-Test": "1", "Content-Type": "text/html" } })),
  );
  const big = "a".repeat(64 * 1024);
  const count = Math.ceil((BUFFERED_BODY_LIMIT * 2) / big.length);
  app.get("/large", (_req, res) => sendResponse(res, new Response(chunked(Array.from({ length: count }, () => big)))));
  app.get("/empty", (_req, res) => sendResponse(res, new Response(null, { status: 204 })));
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((r) => server.close(r)));

describe("sendResponse", () => {
  it("writes a small body once, with its length, status and headers", async () => {
    const r = await fetch(`${base}/small`);
    expect(r.status).toBe(201);
    expect(r.headers.get("x-test")).toBe("1");
    const text = await r.text();
    expect(text).toBe("<!DOCTYPE html><p>Xin chào</p>");
    expect(Number(r.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect(writes["/small"]).toBe(1);
  });

  it("streams a large body whole", async () => {
    const r = await fetch(`${base}/large`);
    const body = await r.arrayBuffer();
    expect(body.byteLength).toBeGreaterThan(BUFFERED_BODY_LIMIT * 2 - 1);
    expect(new Uint8Array(body).every((b) => b === 97)).toBe(true);
    expect(writes["/large"]).toBeGreaterThan(1);
  });

  it("answers an empty body", async () => {
    const r = await fetch(`${base}/empty`);
    expect(r.status).toBe(204);
    expect(await r.text()).toBe("");
  });
});

describe("the request log's writer", () => {
  it("writes the lines of one turn of the event loop together, in order, and flushes on demand", async () => {
    const writes: string[] = [];
    const log = createBatchedWriter((text) => writes.push(text));
    log.write("GET /a 200 1ms\n");
    log.write("GET /b 200 2ms\n");
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(["GET /a 200 1ms\nGET /b 200 2ms\n"]);
    log.write("GET /c 200 3ms\n");
    log.flush();
    expect(writes).toEqual(["GET /a 200 1ms\nGET /b 200 2ms\n", "GET /c 200 3ms\n"]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(2);
  });
});
