// Resource photos: checked by their bytes (JPEG, PNG, WebP; at most 5 MB, the upload route limit), stored under a
// random name in UPLOADS_DIR/lab, served by /lab/photos/:file. Nothing the client says about a file is trusted.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/lib/env.server";
import { ok, refuse, type Result } from "~/lib/result";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export type PhotoRefusal = "photoType" | "photoSize";
type Ext = "jpg" | "png" | "webp";

const CONTENT_TYPES: Record<Ext, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };
const NAME = /^[a-f0-9]{32}\.(jpg|png|webp)$/;

export function photoKind(bytes: Uint8Array): Ext | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpg";
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 12 && String.fromCharCode(...bytes.slice(0, 4)) === "RIFF" && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") return "webp";
  return null;
}

function dir(): string {
  return path.join(env.uploadsDir, "lab");
}

/** An uploaded form value: nothing chosen → undefined (keep the photo); otherwise checked and stored. */
export async function acceptPhoto(value: FormDataEntryValue | null): Promise<Result<string | undefined, PhotoRefusal>> {
  if (value === null || typeof value === "string" || value.size === 0) return ok(undefined);
  if (value.size > MAX_PHOTO_BYTES) return refuse("photoSize");
  const bytes = new Uint8Array(await value.arrayBuffer());
  const kind = photoKind(bytes);
  if (!kind) return refuse("photoType");
  const name = `${crypto.randomBytes(16).toString("hex")}.${kind}`;
  await fs.mkdir(dir(), { recursive: true });
  await fs.writeFile(path.join(dir(), name), bytes);
  return ok(name);
}

export async function readPhoto(name: string): Promise<{ body: Buffer; contentType: string } | null> {
  if (!NAME.test(name)) return null;
  try {
    const body = await fs.readFile(path.join(dir(), name));
    return { body, contentType: CONTENT_TYPES[name.split(".").pop() as Ext] };
  } catch {
    return null;
  }
}
