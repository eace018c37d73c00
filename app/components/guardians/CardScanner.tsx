// The check-in page's QR scanner (issue 16), a progressive enhancement: rendered only once JavaScript runs (the
// server renders nothing, so without JavaScript the tap list and the code field are the page). "Open the camera"
// asks for the rear camera (getUserMedia, facingMode environment), loads the decoder on demand (a dynamic import of
// qr-decoder.client.ts: the WebAssembly decoder is in no other page's bundle), and submits each card it sees to the
// page's own action (intent "scan") through a fetcher. It keeps scanning; the same card is not sent again for a few
// seconds, and a second check-in of a student is harmless anyway. No camera, permission refused, plain http: a
// message, and the list stays.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { normaliseCardCode } from "~/guardians/card-code";
import { useT } from "~/i18n/react";
import type { QrDecoder } from "./qr-decoder.client";
import { ScanOutcome, type ScanReply } from "./ScanOutcome";

type State = "off" | "starting" | "scanning" | "failed" | "blocked";

const SAME_CARD_PAUSE_MS = 4000;
const FRAME_INTERVAL_MS = 200;

/** Chromium tells whether this document may use the camera (Permissions-Policy); other browsers: assume yes. */
function cameraAllowedHere(): boolean {
  const doc = document as Document & { permissionsPolicy?: { allowsFeature(f: string): boolean }; featurePolicy?: { allowsFeature(f: string): boolean } };
  const policy = doc.permissionsPolicy ?? doc.featurePolicy;
  return policy ? policy.allowsFeature("camera") : true;
}

export function CardScanner() {
  const t = useT();
  const fetcher = useFetcher<ScanReply>();
  const [hydrated, setHydrated] = useState(false);
  const [state, setState] = useState<State>("off");
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const running = useRef(false);
  const lastSent = useRef<{ code: string; at: number } | null>(null);
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;

  useEffect(() => setHydrated(true), []);
  useEffect(() => () => stop(), []);

  /** Bumped by every start and stop: a start that is still waiting (camera, decoder) when stopped gives up. */
  const generation = useRef(0);

  function stop() {
    generation.current++;
    running.current = false;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
  }

  async function start() {
    // A page reached by a link inside the app keeps the policy of the first page loaded (no camera there).
    if (!cameraAllowedHere()) return setState("blocked");
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) return setState("failed");
    setState("starting");
    const mine = ++generation.current;
    let decoder: QrDecoder;
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
      if (mine !== generation.current) return media.getTracks().forEach((track) => track.stop());
      stream.current = media;
      const el = video.current;
      if (!el) throw new Error("no video element");
      el.srcObject = media;
      await el.play();
      decoder = await (await import("./qr-decoder.client")).createQrDecoder();
    } catch {
      if (mine !== generation.current) return;
      stop();
      return setState("failed");
    }
    if (mine !== generation.current) return;
    setState("scanning");
    running.current = true;
    void loop(decoder);
  }

  async function loop(decoder: QrDecoder) {
    while (running.current && video.current) {
      if (!busy.current) {
        const texts = await decoder.decode(video.current).catch(() => [] as string[]);
        for (const text of texts) {
          const code = normaliseCardCode(text) ?? text.slice(0, 200);
          const last = lastSent.current;
          if (last && last.code === code && Date.now() - last.at < SAME_CARD_PAUSE_MS) continue;
          lastSent.current = { code, at: Date.now() };
          busy.current = true;
          submit.current({ intent: "scan", code }, { method: "post" });
          break;
        }
      }
      await new Promise((r) => setTimeout(r, FRAME_INTERVAL_MS));
    }
  }

  if (!hydrated) return null;
  return (
    <section aria-labelledby="scan-title" className="card mb-4" data-testid="card-scanner">
      <h2 id="scan-title" className="mb-2">
        {t("checkin.scan.title")}
      </h2>
      <p className="mb-3 text-sm">{t("checkin.scan.lead")}</p>
      {state === "off" || state === "failed" ? (
        <button type="button" className="btn" onClick={() => void start()}>
          {t("checkin.scan.start")}
        </button>
      ) : null}
      {state === "starting" || state === "scanning" ? (
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            stop();
            setState("off");
          }}
        >
          {t("checkin.scan.stop")}
        </button>
      ) : null}
      {state === "failed" ? (
        <p className="alert alert-error mt-3" role="alert" data-testid="scan-failed">
          {t("checkin.scan.noCamera")}
        </p>
      ) : null}
      {state === "blocked" ? (
        <p className="alert alert-info mt-3" role="alert">
          <a href={window.location.pathname} data-testid="scan-reload">
            {t("checkin.scan.reload")}
          </a>
        </p>
      ) : null}
      {/* Above the picture: the name is seen without scrolling on a phone. */}
      <ScanOutcome reply={fetcher.data} />
      <video
        ref={video}
        className={state === "starting" || state === "scanning" ? "mt-3 max-h-64 w-full rounded bg-black object-contain" : "hidden"}
        muted
        playsInline
        aria-label={t("checkin.scan.video")}
      />
      {state === "starting" ? <p className="mt-2 text-sm">{t("checkin.scan.starting")}</p> : null}
      {state === "scanning" ? (
        <p className="mt-2 text-sm" data-testid="scan-state">
          {t("checkin.scan.scanning")}
        </p>
      ) : null}
    </section>
  );
}
