// Reading documents back the way a reader does, with pdf-lib alone (no external tools): the text drawn on each PDF
// page (glyph codes → the font's ToUnicode map) and the QR codes in PDFs.
import jsQR from "jsqr";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream } from "pdf-lib";

function decodeStream(obj: unknown): Uint8Array {
  if (obj instanceof PDFRawStream) return decodePDFRawStream(obj).decode();
  if (obj instanceof PDFStream) return (obj as PDFStream).getContents();
  throw new Error("not a stream");
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToString = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), hexToString(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const [lo, hi] = [parseInt(m[1], 16), parseInt(m[2], 16)];
      const base = hexToString(m[3]);
      for (let code = lo; code <= hi; code++) {
        map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (code - lo)));
      }
    }
  }
  return map;
}

/** The text drawn on each page, one string per Tj, decoded through each font's ToUnicode map. */
export async function extractPdfText(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const fonts = page.node.Resources()?.lookup(PDFName.of("Font"), PDFDict);
    const cmaps = new Map<string, Map<number, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      const toUnicode = font.get(PDFName.of("ToUnicode"));
      if (toUnicode)
        cmaps.set(name.asString(), parseToUnicode(new TextDecoder().decode(decodeStream(doc.context.lookup(toUnicode as PDFRef)))));
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const ops = streams.map((s) => new TextDecoder("latin1").decode(decodeStream(s))).join("\n");
    const out: string[] = [];
    let cmap: Map<number, string> | undefined;
    for (const m of ops.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) cmap = cmaps.get(m[1]);
      else if (m[2] !== undefined && cmap) {
        let s = "";
        for (let i = 0; i < m[2].length; i += 4) s += cmap.get(parseInt(m[2].slice(i, i + 4), 16)) ?? "\uFFFD";
        out.push(s);
      }
    }
    return out;
  });
}

/** Every image XObject of each page, decoded by jsQR when it is a QR code (null otherwise). */
export async function decodePdfQrCodes(bytes: Uint8Array): Promise<(string | null)[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of("XObject"), PDFDict);
    const found: (string | null)[] = [];
    for (const [, ref] of xobjects?.entries() ?? []) {
      const img = doc.context.lookup(ref) as PDFRawStream;
      if (img.dict.get(PDFName.of("Subtype"))?.toString() !== "/Image") continue;
      const width = (img.dict.get(PDFName.of("Width")) as PDFNumber).asNumber();
      const height = (img.dict.get(PDFName.of("Height")) as PDFNumber).asNumber();
      const raw = decodeStream(img);
      const channels = raw.length / (width * height);
      // A picture with few pixels (one per QR module, printed with interpolation off) is enlarged as the page
      // shows it, each pixel a square block, so that jsQR sees modules several pixels wide.
      const scale = Math.max(1, Math.ceil(240 / Math.max(width, height)));
      const [w, h] = [width * scale, height * scale];
      const rgba = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const i = Math.floor(y / scale) * width + Math.floor(x / scale);
          const v = channels === 1 ? [raw[i], raw[i], raw[i]] : [raw[i * channels], raw[i * channels + 1], raw[i * channels + 2]];
          rgba.set([v[0]!, v[1]!, v[2]!, 255], (y * w + x) * 4);
        }
      }
      found.push(jsQR(rgba, w, h)?.data ?? null);
    }
    return found;
  });
}

/** How each page's image XObjects are drawn: interpolation (smoothing when enlarged) and greyscale. */
export function qrImageSettings(doc: PDFDocument): { interpolate: boolean; grey: boolean }[] {
  return doc.getPages().flatMap((page) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of("XObject"), PDFDict);
    return [...(xobjects?.entries() ?? [])]
      .map(([, ref]) => (doc.context.lookup(ref) as PDFRawStream).dict)
      .filter((dict) => dict.get(PDFName.of("Subtype"))?.toString() === "/Image")
      .map((dict) => ({
        interpolate: dict.get(PDFName.of("Interpolate"))?.toString() === "true",
        grey: dict.get(PDFName.of("ColorSpace"))?.toString() === "/DeviceGray",
      }));
  });
}

/**
 * The text of a QR code given as an SVG data: URL (as the pages' <img>s show it): its path is drawn on a bitmap,
 * eight pixels a module, and read by jsQR. The path is qrcode's: a row of dark modules is "M x y" or "m dx 0" then
 * "h n".
 */
export function decodeQrSvgDataUrl(url: string): string | null {
  const svg = Buffer.from(url.replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString("utf8");
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]*)"/.exec(svg)?.[1];
  if (!side || path === undefined) return null;
  const scale = 8;
  const w = side * scale;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of path.matchAll(/([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === "M") [x, y] = [n, Number(b) - 0.5];
    else if (cmd === "m") x += n;
    else if (cmd === "h") {
      for (let px = x * scale; px < (x + n) * scale; px++) {
        for (let py = y * scale; py < (y + 1) * scale; py++) rgba.fill(0, (py * w + px) * 4, (py * w + px) * 4 + 3);
      }
      x += n;
    }
  }
  return jsQR(rgba, w, w)?.data ?? null;
}
