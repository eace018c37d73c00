// Request limits, enforced before anything parses a body: the URL's length, and the body's size whether it
// is announced (Content-Length) or streamed in chunks. A body is read into memory only up to its route's limit;
// past it the request is answered 413 at once. The rest of a body of moderate size is read and thrown away, so the
// client, still sending, receives the 413 instead of a broken connection; a body past `drainBytes` is cut off.
const KB = 1024;
const MB = 1024 * KB;

export const LIMITS = {
  /** Forms and every other body. */
  bodyBytes: Number(process.env.MAX_BODY_BYTES) || 1 * MB,
  /** Routes that take a file (a class roster CSV, a photo): bigger, and only there. */
  uploadBytes: Number(process.env.MAX_UPLOAD_BYTES) || 5 * MB,
  urlBytes: 4 * KB,
  /** Past its limit, a body is still read (and discarded) up to this size, so its sender can read the 413. */
  drainBytes: 16 * MB,
};

/** Path patterns whose bodies may be files. */
const UPLOAD_ROUTES = [/^\/classes\/\d+\/accounts\/bulk$/, /^\/staff\/lab\/resources\/[^/]+$/, /^\/staff\/lab\/resources\/new$/];

export function bodyLimitFor(pathname) {
  return UPLOAD_ROUTES.some((r) => r.test(pathname)) ? LIMITS.uploadBytes : LIMITS.bodyBytes;
}

function refuse(res, status, text, { close = true } = {}) {
  if (close) res.set("Connection", "close");
  res.status(status).type("text/html; charset=utf-8").send(limitPage(status, text));
}

function limitPage(status, text) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><p>${status}</p><h1>${text.vi}</h1><p lang="en">${text.en}</p><p><a href="/">Về trang chủ / Home</a></p></body></html>`;
}

const TOO_LARGE = {
  vi: "Dữ liệu gửi lên quá lớn. Vui lòng gửi ít hơn (ví dụ chia tệp thành nhiều phần).",
  en: "What you sent is too large. Please send less (for example, split the file).",
};
const URL_TOO_LONG = { vi: "Địa chỉ quá dài.", en: "The address is too long." };

/**
 * Express middleware. For methods with a body it buffers at most the route's limit and stores the bytes on
 * `req.limitedBody` for the Remix bridge (server/app.mjs).
 */
export function requestLimits() {
  return (req, res, next) => {
    if (req.originalUrl.length > LIMITS.urlBytes) return refuse(res, 414, URL_TOO_LONG);
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor(req.path);
    const announced = Number(req.get("content-length"));
    if (Number.isFinite(announced) && announced > limit) {
      // Answer now; read what is still coming into nothing (never into memory). Closing while the client still
      // sends would reset the connection before it reads the answer (EPIPE), so only a huge body is cut off.
      const drain = announced <= LIMITS.drainBytes;
      req.resume();
      return refuse(res, 413, TOO_LARGE, { close: !drain });
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        refuse(res, 413, TOO_LARGE, { close: false });
        // Keep reading into nothing up to drainBytes, so the client can read the 413; then cut it off.
        let drained = size;
        req.on("data", (more) => {
          drained += more.length;
          if (drained > LIMITS.drainBytes) req.destroy();
        });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      req.limitedBody = Buffer.concat(chunks, size);
      next();
    });
    req.on("error", (e) => {
      if (done) return;
      done = true;
      next(e);
    });
  };
}
