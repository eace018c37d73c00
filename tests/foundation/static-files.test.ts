// server/static.mjs: files of the client folder are served; other paths reach the next handler without a disk
// look-up by express.static (issue 17).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "../../server/static.mjs";

let server: http.Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-static-"));
  fs.writeFileSync(path.join(dir, "robots.txt"), "User-agent: *\n");
  fs.mkdirSync(path.join(dir, "fonts"));
  fs.writeFileSync(path.join(dir, "fonts", "a b.txt"), "font");
  const app = express();
  app.use(staticFiles(dir));
  app.use((req, res) => res.status(299).send(`app ${req.path}`));
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function get(p: string) {
  const r = await fetch(base + p);
  return { status: r.status, text: await r.text() };
}

describe("staticFiles", () => {
  it("serves the folder's files, nested and with encoded names", async () => {
    expect(await get("/robots.txt")).toEqual({ status: 200, text: "User-agent: *\n" });
    expect(await get("/fonts/a%20b.txt")).toEqual({ status: 200, text: "font" });
  });

  it("passes every other path to the app", async () => {
    expect(await get("/catalog")).toEqual({ status: 299, text: "app /catalog" });
    expect(await get("/fonts/missing.txt")).toEqual({ status: 299, text: "app /fonts/missing.txt" });
    expect((await get("/%E0%A4%A")).status).toBe(299);
    expect((await get("/")).status).toBe(299);
  });
});
