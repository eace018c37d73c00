// QR codes: the one printed on certificates (the public verification URL), and the images on pages (cards, slips,
// the two-step set-up code). qrcode is loaded with the first code drawn, not when the server starts (cold start,
// issue 17).
const qrcode = async () => (await import("qrcode")).default;

/**
 * The code as a greyscale picture with one pixel per module (0 dark, 255 light) and a quiet zone of `margin`
 * modules: the certificate PDF scales it up without smoothing. Encoding and decoding a 360 px PNG for each
 * certificate was most of a class PDF's time (≈ 2.7 s for 30 certificates).
 */
export async function qrPixels(text: string, margin = 2): Promise<{ side: number; pixels: Uint8Array }> {
  const { modules } = (await qrcode()).create(text, { errorCorrectionLevel: "M" });
  const side = modules.size + 2 * margin;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) pixels[(row + margin) * side + col + margin] = 0;
  }
  return { side, pixels };
}

/**
 * The code as an SVG image in a data: URL, for an <img> (which gives it its size). An SVG is drawn sharp at any
 * size and printed scale, and costs ≈ 1 ms to make where a 240 px PNG took ≈ 15 (a class's cards page draws one
 * per student).
 */
export async function qrDataUrl(text: string, { margin = 2 }: { margin?: number } = {}): Promise<string> {
  const svg = await (await qrcode()).toString(text, { type: "svg", errorCorrectionLevel: "M", margin, color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
