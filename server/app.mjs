// The HTTP server: request limits, static files, request log, security, then Remix.
import path from "node:path";
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { LIMITS, requestLimits } from "./limits.mjs";
import { acceptsGzip, createPageCache, pageCacheTtlMs } from "./page-cache.mjs";
import { redactUrl } from "./redact.mjs";
import { createNonce, securityMiddleware, setSecurityHeaders } from "./security.mjs";
import { staticFiles } from "./static.mjs";

function remixHeaders(requestHeaders) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else headers.set(key, values);
  }
  return headers;
}

/** Bodies up to this size are sent in one write (with a Content-Length); larger ones are streamed. */
export const BUFFERED_BODY_LIMIT = 512 * 1024;

/**
 * Sends a Fetch Response through Express. React renders a page in many small chunks; writing each one cost a
 * system call (≈7 % of server CPU on /catalog in the profile of issue 17). The app defers nothing (no Suspense,
 * no deferred data), so waiting for a small body delays nothing: it is gathered and written once. A body larger
 * than BUFFERED_BODY_LIMIT (a big CSV or PDF) is streamed from there on, with back-pressure.
 */
export async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let next;
    try {
      next = await reader.read();
    } catch (error) {
      res.destroy(error);
      throw error;
    }
    const { done, value } = next;
    if (done) {
      const body = chunks.length === 1 ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength) : Buffer.concat(chunks, size);
      if (!res.hasHeader("content-length") && !res.hasHeader("content-encoding")) res.setHeader("Content-Length", body.length);
      return void res.end(body);
    }
    chunks.push(value);
    size += value.byteLength;
    if (size > BUFFERED_BODY_LIMIT) break;
  }
  res.write(Buffer.concat(chunks, size));
  reader.releaseLock();
  await writeReadableStreamToWritable(response.body, res);
}

/**
 * One request handed to Remix per turn of the event loop. With SQLite a request runs to its end once started
 * (the driver is synchronous), so fifty registrations arriving together would otherwise run back to back while
 * a visitor's page, served from the cache in microseconds, waited behind all of them (issue 17: the catalogue's
 * p99 during a registration storm). Starting them one per turn lets the loop read new requests in between;
 * the order stays first come, first served, and the total work is the same. With PostgreSQL requests still
 * overlap while they wait for the database.
 *
 * New connections first: Node (libuv ≥ 1.45) accepts one connection per loop iteration, so fifty students
 * connecting at once were accepted one turn (one registration) apart, and the last ones joined the queue behind
 * everybody's second request. `noteConnection` (the server's "connection" event) tells the turns that a
 * connection was just accepted: the next turn waits one more iteration (microseconds), so every waiting
 * connection is accepted and its request queued in the order it came; at most `maxAcceptMs` in a row, so a flood
 * of connections cannot hold the queue.
 */
export function createTurns({ maxAcceptMs = 5, now = () => performance.now() } = {}) {
  const waiting = [];
  let scheduled = false;
  let accepted = false;
  let acceptingSince = null;
  const grant = () => {
    scheduled = false;
    if (accepted && waiting.length > 0) {
      accepted = false;
      acceptingSince ??= now();
      if (now() - acceptingSince < maxAcceptMs) return schedule();
    }
    accepted = false;
    acceptingSince = null;
    waiting.shift()?.();
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(grant);
  };
  const nextTurn = () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      schedule();
    });
  nextTurn.noteConnection = () => {
    accepted = true;
  };
  return nextTurn;
}

/** The request's absolute address, as Remix gets it. */
function requestUrl(req) {
  return new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`).href;
}

/** A rendered answer read whole, in the shape the page cache keeps (server/page-cache.mjs). */
async function pageEntry(response, nonce) {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : Buffer.alloc(0);
  return { status: response.status, headers: [...response.headers.entries()], body, nonce };
}

/**
 * Sends a page-cache entry (server/page-cache.mjs) given as chunks, written together (one system call while
 * corked); X-Page-Cache says whether it was rendered for this request. `encoding`: what the chunks are ("gzip"
 * when the page cache compressed them).
 */
function sendCached(res, entry, chunks, state = "hit", encoding = "identity") {
  res.status(entry.status);
  for (const [key, value] of entry.headers) res.append(key, value);
  res.setHeader("X-Page-Cache", state);
  if (entry.compressible) res.vary("Accept-Encoding");
  if (encoding === "gzip") res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", chunks.reduce((n, c) => n + c.length, 0));
  if (chunks.length === 1) return void res.end(chunks[0]);
  res.cork();
  for (let i = 0; i < chunks.length - 1; i++) res.write(chunks[i]);
  res.end(chunks[chunks.length - 1]);
  res.uncork();
}

/**
 * TRUST_PROXY: how many reverse proxies stand in front ("1"), or which addresses are proxies
 * ("10.0.0.1, 10.0.0.2" or "loopback"). The client address used for throttling is read from X-Forwarded-For
 * accordingly. Unset: the socket's address.
 */
export function trustProxySetting(value) {
  if (value === undefined || value.trim() === "") return false;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === "false") return false;
  return v.split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * A 403 goes to the app's security log (ASVS 16.3.2) with the path only — no query string, secret segments
 * redacted as in the request log — and the client address. Recording never changes or delays the answer's
 * outcome: a failure to record is logged and the 403 is sent anyway.
 */
export async function reportDenied(onDenied, req, context) {
  try {
    const path = redactUrl((req.originalUrl || req.url || "/").split("?")[0]);
    await onDenied({ cookie: req.get("cookie") ?? null, method: req.method, path, ip: context.clientIp });
  } catch (error) {
    console.error("could not record a denied request", error);
  }
}

/**
 * Remix's Express bridge (as @remix-run/express does it), reading the body that requestLimits() already bounded
 * (never the raw socket). `answerFromCache` is the page cache's early answer, mounted before every other
 * middleware (createApp); what reaches `handle` with a cache key has no entry yet and is rendered and kept.
 */
function remixHandler({ build, getLoadContext, pageCache, nextTurn, secure, logAnswer }) {
  const handleRequest = createRemixHandler(build, "production");
  const onDenied = build.entry?.module?.recordAccessDenied;

  /**
   * A visitor whose page is in the cache is answered at once, before compression, the request log's and the
   * security middleware's per-request work (most of a cached answer's cost in the profile of issue 17): the same
   * security headers with a nonce of its own, gzip from the pieces compressed once (server/page-cache.mjs), one
   * line in the request log. A stale entry (the data changed since) is sent too, and the page is rendered again
   * behind the visitor.
   */
  function answerFromCache(req, res, next) {
    const started = performance.now();
    const key = pageCache?.keyFor(req) ?? null;
    // An address over the limit goes on to requestLimits(), which refuses it.
    if (key === null || req.originalUrl.length > LIMITS.urlBytes) return next();
    const dataVersion = pageCache.version();
    if (dataVersion === null) return next();
    const { fresh, stale } = pageCache.lookup(key, dataVersion);
    const entry = fresh ?? stale;
    if (!entry) return next();
    const nonce = createNonce();
    setSecurityHeaders(res, { nonce, path: req.path, secure });
    const encoding = entry.compressible && acceptsGzip(req.headers["accept-encoding"]) ? "gzip" : "identity";
    sendCached(res, entry, pageCache.chunksFor(entry, nonce, encoding), fresh ? "hit" : "stale", encoding);
    logAnswer?.(req, res.statusCode, performance.now() - started);
    if (stale && pageCache.beginRender(key)) void refreshInBackground(req, key, dataVersion);
  }

  async function handle(req, res, next) {
    try {
      const cacheKey = pageCache?.keyFor(req) ?? null;
      // Read before the loaders run: a change committed during the render gives the next visitor a new version.
      const dataVersion = cacheKey ? pageCache.version() : null;
      const renderingHere = cacheKey !== null && dataVersion !== null && pageCache.beginRender(cacheKey);
      try {
        await nextTurn();
        await renderWithRemix(req, res, renderingHere ? { key: cacheKey, version: dataVersion } : null);
      } finally {
        if (renderingHere) pageCache.endRender(cacheKey);
      }
    } catch (error) {
      next(error);
    }
  }

  /** Renders a cached page again for the next visitors, as a visitor without a session would get it. */
  async function refreshInBackground(req, key, version) {
    try {
      await nextTurn();
      const headers = new Headers({ accept: req.get("accept") ?? "text/html" });
      if (req.get("cookie")) headers.set("cookie", req.get("cookie"));
      const context = { clientIp: req.ip ?? "unknown", cspNonce: createNonce() };
      const response = await handleRequest(new Request(requestUrl(req), { method: "GET", headers }), context);
      const entry = await pageEntry(response, context.cspNonce);
      // Not shareable any more (unpublished: 404, moved: a redirect): the next visitor gets a live answer.
      if (!pageCache.put(key, version, entry)) pageCache.drop(key);
    } catch (error) {
      pageCache.drop(key);
      console.error("could not refresh a cached page", error);
    } finally {
      pageCache.endRender(key);
    }
  }

  /** Remix renders the answer; a page being cached (cacheAs) is kept before it is sent. */
  async function renderWithRemix(req, res, cacheAs) {
    const controller = new AbortController();
    const init = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
    if (req.method !== "GET" && req.method !== "HEAD") init.body = req.limitedBody ?? Buffer.alloc(0);
    let finished = false;
    res.on("finish", () => (finished = true));
    res.on("close", () => finished || controller.abort());
    const context = await getLoadContext(req, res);
    const response = await handleRequest(new Request(requestUrl(req), init), context);
    if (response.status === 403 && onDenied) await reportDenied(onDenied, req, context);
    if (cacheAs && response.status === 200 && response.body) {
      const entry = await pageEntry(response, context.cspNonce);
      pageCache.put(cacheAs.key, cacheAs.version, entry);
      return void sendCached(res, entry, [entry.body], "miss");
    }
    await sendResponse(res, response);
  }

  return { answerFromCache, handle };
}

/** One line of the request log: method, path (secrets redacted), status, milliseconds ("-" when not known). */
function requestLogLine(req, status, ms) {
  return `${req.method} ${redactUrl(req.originalUrl || req.url)} ${status ?? "-"} ${ms ?? "-"}ms`;
}

/**
 * The request log's lines, written together once per turn of the event loop (a write to stdout is a system call
 * each, synchronous for files and pipes: one per request showed in the profile of cached pages, issue 17). Lines
 * still queued when the process exits are written then; a crash can lose at most the current turn's lines.
 * @param {(text: string) => void} [write]
 */
export function createBatchedWriter(write = (text) => void process.stdout.write(text)) {
  let lines = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (lines.length === 0) return;
    const text = lines.join("");
    lines = [];
    write(text);
  };
  return {
    write(line) {
      lines.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/**
 * @param {{ build: any, buildDir: string, publicOrigin?: string, log?: boolean }} options
 */
export function createApp({ build, buildDir, publicOrigin = "", log = true }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  const requestLog = log ? createBatchedWriter() : null;
  if (requestLog) process.on("exit", requestLog.flush);
  const nextTurn = createTurns();
  // server/index.mjs passes the HTTP server's "connection" events (see createTurns).
  app.locals.noteConnection = nextTurn.noteConnection;
  const remix = remixHandler({
    build,
    nextTurn,
    secure: publicOrigin.startsWith("https://"),
    pageCache: createPageCache({
      version: build.entry?.module?.pageCacheVersion ?? (() => null),
      ttlMs: pageCacheTtlMs(process.env.PAGE_CACHE_SECONDS),
    }),
    getLoadContext: (req, res) => ({ clientIp: req.ip ?? "unknown", cspNonce: res.locals.cspNonce }),
    // The request log's line for an answer from the cache; morgan writes the others in the same form.
    logAnswer: requestLog ? (req, status, ms) => requestLog.write(`${requestLogLine(req, status, ms.toFixed(0))}\n`) : null,
  });
  app.use(remix.answerFromCache);
  app.use(compression());
  if (requestLog) {
    const logLine = (tokens, req, res) => requestLogLine(req, tokens.status(req, res), tokens["response-time"](req, res, 0));
    app.use(morgan(logLine, { stream: requestLog }));
  }
  app.use(securityMiddleware({ publicOrigin }));
  const client = path.join(buildDir, "client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(staticFiles(client, { maxAge: "1h" }));
  app.use(requestLimits());
  app.all("*", remix.handle);
  return app;
}
