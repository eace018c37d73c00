// The catalogue page's browser bundle carries no validation library (issue 17): the route module, everything it
// imports and the client entry are read from the production build's manifest and searched for zod's markers.
// Runs against build/ (the e2e project builds first: `npm run test:e2e`, or `npx remix vite:build`).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const client = path.resolve("build", "client");

interface ManifestEntry { module: string; imports?: string[] }
interface Manifest { entry: ManifestEntry; routes: Record<string, ManifestEntry & { parentId?: string }> }

function readManifest(): Manifest {
  const dir = path.join(client, "assets");
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("no Remix manifest in build/client/assets: run `npx remix vite:build`");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}

/** Every file the browser loads for a route: the entry, the route and its parents, and their static imports. */
function filesOf(manifest: Manifest, routeId: string): string[] {
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  return [...files];
}

// Strings that survive minification in zod 3 and 4 builds (class and error names, the internal "_zod" slot).
const ZOD_MARKERS = ["ZodError", "$ZodType", "_zod", "ZodType"];

describe("the /catalog client bundle", () => {
  it("contains no zod", () => {
    const manifest = readManifest();
    expect(manifest.routes["routes/catalog"]).toBeDefined();
    const files = filesOf(manifest, "routes/catalog");
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      const code = fs.readFileSync(path.join(client, f), "utf8");
      for (const marker of ZOD_MARKERS) expect(code.includes(marker), `${marker} in ${f}`).toBe(false);
    }
  });

  it("would notice zod (the markers are found in a route that validates in the browser)", () => {
    // Some page's component imports a zod schema (a chunk named schemas-*.js): the check can see zod.
    const manifest = readManifest();
    const code = Object.keys(manifest.routes)
      .flatMap((id) => filesOf(manifest, id))
      .filter((f) => /\/schemas-[^/]*\.js$/.test(f))
      .map((f) => fs.readFileSync(path.join(client, f), "utf8"))
      .join("\n");
    expect(ZOD_MARKERS.some((m) => code.includes(m))).toBe(true);
  });
});
