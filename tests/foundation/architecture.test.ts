// The house rules that a type check cannot see, checked by reading the source (ARCHITECTURE.md).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const APP = path.join(ROOT, "app");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

const rel = (f: string) => path.relative(ROOT, f);
const source = (f: string) => fs.readFileSync(f, "utf8");
// Capabilities are the folders of app/ other than the layers around them.
const NOT_CAPABILITIES = new Set(["routes", "components", "i18n", "lib", "styles"]);
const capabilityFiles = fs
  .readdirSync(APP, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !NOT_CAPABILITIES.has(e.name))
  .flatMap((e) => filesUnder(path.join(APP, e.name)));

describe("architecture", () => {
  it("finds the capability folders it checks", () => {
    const folders = new Set(capabilityFiles.map((f) => rel(f).split(path.sep)[1]));
    for (const name of ["auth", "catalog", "workshops", "courses", "classes", "tours", "certificates", "notifications", "schools"]) {
      expect(folders).toContain(name);
    }
  });

  it("no capability module imports @remix-run/* (capabilities never build HTTP answers)", () => {
    const offenders = capabilityFiles.filter((f) => /from\s+["']@remix-run\//.test(source(f))).map(rel);
    expect(offenders).toEqual([]);
  });

  it("transactions are opened or joined only through inTransaction in app/lib/db.server.ts", () => {
    const offenders = filesUnder(APP)
      .filter((f) => rel(f) !== path.join("app", "lib", "db.server.ts"))
      .filter((f) => /\.transaction\s*\(/.test(source(f)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("routes never build 400/403/404 responses by hand (notFound / badRequest / forbidden from lib/http.server)", () => {
    const offenders = filesUnder(path.join(APP, "routes"))
      .filter((f) => /new Response\([^)]*status:\s*40[034]\b/s.test(source(f)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("one refusal shape: no capability returns { ok: false, error } or an HTTP status in a result", () => {
    const offenders = capabilityFiles
      .filter((f) => /ok:\s*false\s*,\s*(error|status)\s*:/.test(source(f)))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});
