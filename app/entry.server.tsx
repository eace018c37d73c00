import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { recordAccessDenied as recordDenial, type DeniedRequest } from "./auth/denials.server";
import { NonceProvider } from "./components/nonce";
import { dataVersion, db } from "./lib/db.server";
import { nowIso } from "./lib/time";

export const streamTimeout = 5_000;

// Called by the HTTP server once at start: migrate, prune, load demo data into an empty database.
export { prepareDatabase } from "./lib/startup.server";
// Called by each serving process: the e-mail sender loop (app/mail/loop.server.ts).
import { startGuardianJobs } from "./guardians/jobs.server";
import { startMailLoop } from "./mail/loop.server";

/** The server's background work (server/index.mjs): the mail loop and the medical-note purge. */
export function startBackgroundJobs(): () => void {
  const stopMail = startMailLoop();
  const stopGuardians = startGuardianJobs();
  return () => {
    stopMail();
    stopGuardians();
  };
}

/** The anonymous page cache's data version (server/page-cache.mjs): null turns the cache off. */
export function pageCacheVersion(): string | null {
  return dataVersion(db);
}

/** Called by the HTTP server for every 403 it sends: the security log's failed authorisations (throttled). */
export function recordAccessDenied(input: Omit<DeniedRequest, "now">): Promise<boolean> {
  return recordDenial(db, { ...input, now: nowIso() });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce;
  const readyEvent = isbot(request.headers.get("user-agent") || "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The abort timer ends with the answer: while it is pending it keeps the whole render (loader data, React's
    // work) reachable, and at a few hundred pages a second those renders of the last six seconds filled the
    // heap; collecting them cost ≈ 40 % more CPU per page (issue 17).
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const stopAbortTimer = () => clearTimeout(abortTimer);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          body.once("end", stopAbortTimer);
          body.once("close", stopAbortTimer);
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          stopAbortTimer();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged once; the error boundary shows the user a page without details.
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer = setTimeout(abort, streamTimeout + 1000);
  });
}
