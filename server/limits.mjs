// Request limits, enforced before anything parses a body: the URL's length, and the body's size whether it
// is announced (Content-Length) or streamed in chunks. A body is read into memory only up to its route's limit;
// past it the request is answered 413 at once and the rest is not read.
const KB = 1024;
const MB = 1024 * KB;

export const LIMITS = {
  /** Forms and every other body. */
  bodyBytes: Number(process.env.MAX_BODY_BYTES) || 1 * MB,
  /** Routes that take a file (a class roster CSV, a photo): bigger, and only there. */
  uploadBytes: Number(process.env.MAX_UPLOAD_BYTES) || 5 * MB,
  urlBytes: 4 * KB,
};

/** Path patterns whose bodies may be files. */
const UPLOAD_ROUTES = [/^\/classes\/\d+\/accounts\/bulk$/, /^\/staff\/lab\/resources\/[^/]+$/, /^\/staff\/lab\/resources\/new$/];

export function bodyLimitFor(pathname) {
  return UPLOAD_ROUTES.some((r) => r.test(pathname)) ? LIMITS.uploadBytes : LIMITS.bodyBytes;
}

function refuse(res, status, text) {
  res.status(status).set("Connection", "close").type("text/html; charset=utf-8").send(limitPage(status, text));
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
      req.resume(); // let the socket close without reading into memory
      return refuse(res, 413, TOO_LARGE);
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
        req.pause();
        refuse(res, 413, TOO_LARGE);
        // Stop reading: the client is told to close; what it still sends is discarded by the socket's end.
        res.on("finish", () => req.destroy());
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
