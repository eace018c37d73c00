// The PDFs the app makes (certificates, the quarterly report): one way to start a document and to answer with it.
// pdf-lib and fontkit are loaded with the first PDF, not when the server starts: together they took ≈ 1.3 s and
// ≈ 30 MB of the server's cold start and idle memory (issue 17), for pages few requests need.
import { deflateSync } from "node:zlib";
import type { PDFDocument, PDFFont } from "pdf-lib";
import { fontBytes, type FontWeight } from "./fonts.server";

export type PdfLib = typeof import("pdf-lib");

/**
 * Compressed streams, by the bytes they hold. The embedded font files are the same arrays in every document
 * (fonts.server.ts reads each once), so each is compressed once per process: compressing three whole fonts again
 * for every PDF was most of a one-page certificate's time. Other arrays are new for each document and leave the
 * map with it.
 */
const compressed = new WeakMap<Uint8Array, Uint8Array>();

function deflate(contents: string | Uint8Array): Uint8Array {
  if (typeof contents === "string") return deflateSync(Buffer.from(contents, "latin1"));
  let bytes = compressed.get(contents);
  if (!bytes) {
    bytes = deflateSync(contents);
    compressed.set(contents, bytes);
  }
  return bytes;
}

/**
 * A new document with fontkit registered, whose streams are compressed by Node's zlib (native; pdf-lib's own
 * JavaScript deflate was a third of a certificate PDF's time), and pdf-lib itself for the caller's drawing.
 */
export async function createPdfDocument(): Promise<{ lib: PdfLib; doc: PDFDocument }> {
  const [lib, { default: fontkit }] = await Promise.all([import("pdf-lib"), import("@pdf-lib/fontkit")]);
  const doc = await lib.PDFDocument.create();
  doc.registerFontkit(fontkit);
  const context = doc.context;
  context.flateStream = (contents, dict = {}) => context.stream(deflate(contents), { ...dict, Filter: "FlateDecode" });
  return { lib, doc };
}

// Ligatures ("fi") would draw one glyph for two letters, which copy-paste and search cannot map back.
const NO_LIGATURES = { liga: false, clig: false, dlig: false };

/**
 * Be Vietnam Pro of that weight, embedded whole, not as a subset: every Vietnamese glyph stays present and the
 * ToUnicode map stays complete. Each text is laid out once per document: pdf-lib lays a text out to measure it
 * and again to draw it, and a class's certificates repeat the same labels on every page (fontkit's layout was
 * most of what was left of a certificate's time).
 */
export async function embedWholeFont(doc: PDFDocument, weight: FontWeight): Promise<PDFFont> {
  const font = await doc.embedFont(fontBytes(weight), { subset: false, features: NO_LIGATURES });
  // pdf-lib's embedder keeps its fontkit font as `embedder.font`, and lays out with fixed features per font.
  const inner = (font as unknown as { embedder?: { font?: { layout?: (text: string, features?: unknown) => unknown } } }).embedder?.font;
  if (inner && typeof inner.layout === "function") {
    const layout = inner.layout.bind(inner);
    const runs = new Map<string, unknown>();
    inner.layout = (text, features) => {
      let run = runs.get(text);
      if (run === undefined) {
        run = layout(text, features);
        runs.set(text, run);
      }
      return run;
    };
  }
  return font;
}

/** A PDF as a route answers it: never cached (certificates and reports are personal), inline or as a download. */
export function pdfResponse(bytes: Uint8Array, filename: string, disposition: "inline" | "attachment" = "inline"): Response {
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${disposition}; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
