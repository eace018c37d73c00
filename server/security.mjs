// HTTP-level protections shared by every response: CSRF origin check, security headers, CSP nonce.
import crypto from "node:crypto";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request is cross-site when its Origin (or, without one, its Referer) names another site.
 * Requests with neither header come from non-browser clients and are allowed: browsers always send Origin
 * on cross-origin form posts and fetches, and the session cookie is SameSite=Lax as a second line.
 * @param {string} method
 * @param {{ origin?: string | null, referer?: string | null }} headers
 * @param {string[]} allowedOrigins e.g. ["http://localhost:3000"]
 */
export function isCrossSiteRequest(method, headers, allowedOrigins) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  let source = headers.origin ?? null;
  if (!source || source === "null") {
    if (source === "null") return true;
    if (!headers.referer) return false;
    try {
      source = new URL(headers.referer).origin;
    } catch {
      return true;
    }
  }
  return !allowedOrigins.includes(source.toLowerCase());
}

/** The origins this server answers as: its public origin, if set, and the one the request was addressed to. */
export function allowedOriginsFor(req, publicOrigin) {
  const list = [];
  if (publicOrigin) list.push(publicOrigin.toLowerCase());
  const host = req.get("host");
  if (host) list.push(`${req.protocol}://${host}`.toLowerCase());
  return list;
}

// Nonces are cut from a buffer of random bytes filled 256 nonces at a time: a system call for 16 bytes on every
// answer showed in the profile of cached pages (issue 17). The bytes are as random; each is used once.
let randomPool = Buffer.alloc(0);
let poolOffset = 0;
export function createNonce() {
  if (poolOffset + 16 > randomPool.length) {
    randomPool = crypto.randomBytes(4096);
    poolOffset = 0;
  }
  const nonce = randomPool.toString("base64", poolOffset, poolOffset + 16);
  poolOffset += 16;
  return nonce;
}

/**
 * The day-of check-in page scans QR codes with the camera and a WebAssembly decoder (issue 16): only that page's
 * documents may use the camera and compile WebAssembly. Other pages keep `camera=()` and no 'wasm-unsafe-eval'.
 * @param {string} path
 */
export function isScannerPage(path) {
  return /^\/bookings\/\d+\/checkin\/?$/.test(path);
}

/**
 * @param {string} nonce
 * @param {{ scanner?: boolean }} [opts] scanner: 'wasm-unsafe-eval' (compiling our own .wasm; not JavaScript eval)
 */
export function contentSecurityPolicy(nonce, { scanner = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${scanner ? " 'wasm-unsafe-eval'" : ""}`,
    // Inline style attributes (progress bar widths) are harmless; scripts are what the nonce guards.
    "style-src 'self' 'unsafe-inline'",
    // Lesson and program Markdown may show images from other https sites.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * The security headers every answer carries (also set by the page cache's early answers, server/app.mjs).
 * @param {import("node:http").ServerResponse} res
 * @param {{ nonce: string, path: string, secure: boolean }} options
 */
export function setSecurityHeaders(res, { nonce, path, secure }) {
  const scanner = isScannerPage(path);
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, { scanner }));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", `camera=${scanner ? "(self)" : "()"}, microphone=(), geolocation=()`);
  if (secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

/** Express middleware: headers on every response, 403 for cross-site state changes. */
export function securityMiddleware({ publicOrigin = "" } = {}) {
  const secure = publicOrigin.startsWith("https://");
  return (req, res, next) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    setSecurityHeaders(res, { nonce, path: req.path, secure });
    if (
      isCrossSiteRequest(req.method, { origin: req.get("origin"), referer: req.get("referer") }, allowedOriginsFor(req, publicOrigin))
    ) {
      res.status(403).type("text/plain; charset=utf-8").send("Forbidden: cross-site request refused / Yêu cầu từ trang khác bị từ chối");
      return;
    }
    next();
  };
}
