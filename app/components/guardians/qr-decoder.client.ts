// The QR decoder of the check-in scanner, loaded only when a user opens the camera on /bookings/:id/checkin (a
// dynamic import: no other page's bundle holds it). `barcode-detector` is a maintained ponyfill of the browser's
// BarcodeDetector over ZXing-C++ compiled to WebAssembly (zxing-wasm). Its .wasm comes from our own origin (Vite
// copies it into build/client/assets): never a CDN, which the CSP would refuse anyway. Compiling it needs
// 'wasm-unsafe-eval', which server/security.mjs grants on the check-in page only.
import { BarcodeDetector, prepareZXingModule } from "barcode-detector/ponyfill";
// zxing-wasm is pinned in package.json to the version barcode-detector bundles (tests/guardians/cards.test.ts checks).
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

let prepared = false;

export interface QrDecoder {
  /** The texts of the QR codes seen in the video's current frame (usually none or one). */
  decode(video: HTMLVideoElement): Promise<string[]>;
}

export async function createQrDecoder(): Promise<QrDecoder> {
  if (!prepared) {
    prepared = true;
    await prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? new URL(wasmUrl, window.location.href).href : prefix + path) },
      fireImmediately: true,
    });
  }
  const detector = new BarcodeDetector({ formats: ["qr_code"] });
  return {
    async decode(video) {
      if (video.readyState < 2 || video.videoWidth === 0) return [];
      const found = await detector.detect(video);
      return found.map((b) => b.rawValue).filter((v) => v.length > 0);
    },
  };
}
