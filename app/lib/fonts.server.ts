// Be Vietnam Pro from its npm package, found by package name (not a relative path) so it also works from the
// built server bundle. Read once per process.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const PACKAGE = "@expo-google-fonts/be-vietnam-pro";

export type FontWeight = "regular" | "semibold" | "bold";

const FILES: Record<FontWeight, string> = {
  regular: "400Regular/BeVietnamPro_400Regular.ttf",
  semibold: "600SemiBold/BeVietnamPro_600SemiBold.ttf",
  bold: "700Bold/BeVietnamPro_700Bold.ttf",
};

let packageDir: string | undefined;
const cache = new Map<FontWeight, Uint8Array>();

function fontPackageDir(): string {
  if (!packageDir) {
    const require = createRequire(import.meta.url);
    packageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  }
  return packageDir;
}

export function fontPath(weight: FontWeight): string {
  return path.join(fontPackageDir(), FILES[weight]);
}

export function fontBytes(weight: FontWeight): Uint8Array {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = new Uint8Array(fs.readFileSync(fontPath(weight)));
    cache.set(weight, bytes);
  }
  return bytes;
}
