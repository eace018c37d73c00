// QR codes: the PNG printed on certificates (the public verification URL) and the two-step set-up code.
// qrcode is loaded with the first code drawn, not when the server starts (cold start, issue 17).
const qrcode = async () => (await import("qrcode")).default;

export async function qrPng(text: string): Promise<Buffer> {
  return (await qrcode()).toBuffer(text, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 2,
    width: 360,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

export async function qrDataUrl(text: string, { width = 240, margin = 2 }: { width?: number; margin?: number } = {}): Promise<string> {
  return (await qrcode()).toDataURL(text, { errorCorrectionLevel: "M", margin, width });
}
