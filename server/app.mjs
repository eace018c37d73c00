// The HTTP server: request limits, static files, request log, security, then Remix.
import path from "node:path";
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { requestLimits } from "./limits.mjs";
import { redactUrl } from "./redact.mjs";
import { securityMiddleware } from "./security.mjs";
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

/** Remix's Express bridge (as @remix-run/express does it), reading the body that requestLimits() already bounded (never the raw socket). */
function remixHandler({ build, getLoadContext }) {
  const handleRequest = createRemixHandler(build, "production");
  // The app's per-request scope (app/lib/request-scope.server.ts), shared by the loaders of one HTTP request.
  const inScope = build.entry?.module?.runInRequestScope ?? ((fn) => fn());
  const onDenied = build.entry?.module?.recordAccessDenied;
  return async (req, res, next) => {
    try {
      const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
      const controller = new AbortController();
      const init = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") init.body = req.limitedBody ?? Buffer.alloc(0);
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => finished || controller.abort());
      const context = await getLoadContext(req, res);
      const response = await inScope(() => handleRequest(new Request(url.href, init), context));
      if (response.status === 403 && onDenied) await reportDenied(onDenied, req, context);
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * @param {{ build: any, buildDir: string, publicOrigin?: string, log?: boolean }} options
 */
export function createApp({ build, buildDir, publicOrigin = "", log = true }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  app.use(compression());
  // One line per request: method, path (secrets redacted), status, milliseconds.
  morgan.token("safe-url", (req) => redactUrl(req.originalUrl || req.url));
  if (log) app.use(morgan(":method :safe-url :status :response-time[0]ms"));
  app.use(securityMiddleware({ publicOrigin }));
  const client = path.join(buildDir, "client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(staticFiles(client, { maxAge: "1h" }));
  app.use(requestLimits());
  app.all(
    "*",
    remixHandler({
      build,
      getLoadContext: (req, res) => ({ clientIp: req.ip ?? "unknown", cspNonce: res.locals.cspNonce }),
    }),
  );
  return app;
}
