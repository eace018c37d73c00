// The QR code printed on certificates: a PNG encoding the public verification URL.
import QRCode from "qrcode";

export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 2,
    width: 360,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

export async function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: "M", margin: 2, width: 240 });
}
