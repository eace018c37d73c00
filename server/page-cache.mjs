// The anonymous page cache (issue 17): when registration opens, hundreds of visitors who are not signed in load
// the same catalogue and program pages, and rendering them with React was most of the server's work. A page a
// visitor without a session sees is the same for every such visitor with the same language, so its render is
// kept and served again while the data behind it is unchanged:
//  - only GET, only the catalogue's public pages (PUBLIC_PAGE), only with no cookie but the language cookie,
//    only a 200 answer without Set-Cookie, at most MAX_BODY bytes; keyed by language, origin and address;
//  - each entry remembers the store's data version when it was rendered (`version()`, read before the loaders
//    run); any committed change since (a registration, an edit, from this process or another) gives another
//    version and the next visitor gets a fresh render. No version (PostgreSQL) means no caching;
//  - an entry lives at most `ttlMs`, because pages also depend on the clock (sessions starting, registration
//    opening);
//  - after a change, a visitor asking for a page whose entry is still younger than `ttlMs` gets that entry at
//    once while the page is rendered again behind them (one render per page at a time; server/app.mjs):
//    during a registration storm every registration changes the data, and without this each visitor would wait
//    for a render of their own. So an anonymous page is at most `ttlMs` old; signed-in pages are always live;
//  - the CSP nonce differs per answer: the render's own nonce is replaced by the new answer's nonce (a random
//    128-bit value, so no page content can contain it by chance).
//  - browsers ask for compressed answers: compressing a 38 KB page again for every visitor cost more than
//    everything else a cached answer does (≈ 200 instead of ≈ 1,000 answers a second with a browser's
//    Accept-Encoding). An entry's pieces are compressed once, the first time a visitor accepts gzip, and each
//    answer is one gzip stream assembled around its nonce (see `chunksFor`).
// Signed-in users never hit the cache: their pages show their own registrations.
import zlib from "node:zlib";

/** The pages that are the same for every visitor without a session; `.data` is what Remix's client loads. */
const PUBLIC_PAGE = /^\/(?:|_root|catalog|lab|(?:workshops|courses|tours|lab)\/[^/]+)(?:\.data)?$/;
const LANGUAGE_COOKIE = "stemhub_lang";
const MAX_BODY = 512 * 1024;
/** All entries together (the bodies live outside the JS heap, in the process's RSS). */
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

/**
 * @param {{ version: () => string | null, ttlMs?: number, maxEntries?: number, now?: () => number }} options
 */
export function createPageCache({ version, ttlMs = 2000, maxEntries = 200, now = () => Date.now() }) {
  /** @type {Map<string, { key: string, version: string, expires: number, status: number, headers: [string, string][], body: Buffer, pieces: Buffer[], nonce: string, compressible: boolean, gzip: { segments: Buffer[], bytes: number } | null }>} */
  const entries = new Map();
  let totalBytes = 0;
  const remove = (key) => {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entry.body.length + (entry.gzip?.bytes ?? 0);
    entries.delete(key);
  };
  /** Keys being rendered now (at most one render per key at a time is needed). */
  const rendering = new Set();
  const enabled = ttlMs > 0 && maxEntries > 0;

  return {
    /** The request's cache key, or null when its answer must not be shared. */
    keyFor(req) {
      if (!enabled || req.method !== "GET") return null;
      const [pathname, query = ""] = (req.originalUrl || req.url || "").split(/\?(.*)/s);
      if (!PUBLIC_PAGE.test(pathname)) return null;
      const language = languageOnly(req.headers.cookie);
      if (language === null) return null;
      // The origin too: the page is rendered from a Request whose address comes from the Host header, so a page
      // that ever printed its own address could not be poisoned for others by a request with a forged Host.
      return `${language}\n${req.protocol ?? "http"}://${req.headers.host ?? ""}${pathname}?${query}`;
    },
    /** The store's data version now (null: do not cache). */
    version() {
      try {
        return version();
      } catch {
        return null;
      }
    },
    /**
     * The entry for key: `fresh` when rendered at this data version, `stale` when the data changed since but the
     * entry is still young (served while the page is rendered again, see `beginRender`).
     */
    lookup(key, dataVersion) {
      const entry = entries.get(key);
      if (!entry) return {};
      if (entry.expires <= now()) {
        remove(key);
        return {};
      }
      return entry.version === dataVersion ? { fresh: entry } : { stale: entry };
    },
    /** Whether the caller renders key now: at most one render of a page at a time is kept. */
    beginRender(key) {
      if (rendering.has(key)) return false;
      rendering.add(key);
      return true;
    },
    endRender(key) {
      rendering.delete(key);
    },
    /** Keeps a rendered answer if it may be shared; returns whether it was kept. */
    put(key, dataVersion, { status, headers, body, nonce }) {
      if (dataVersion === null || status !== 200 || body.length > MAX_BODY) return false;
      if (headers.some(([name]) => name.toLowerCase() === "set-cookie")) return false;
      remove(key);
      while (entries.size > 0 && (entries.size >= maxEntries || totalBytes + body.length > MAX_TOTAL_BYTES)) remove(entries.keys().next().value);
      totalBytes += body.length;
      // Split once around the render's nonce, so each answer only joins the pieces with its own.
      const pieces = nonce ? splitAround(body, Buffer.from(nonce, "utf8")) : [body];
      const type = headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
      const encoded = headers.some(([name]) => name.toLowerCase() === "content-encoding");
      // Text, JSON and scripts are worth compressing (a page, or what Remix's client loads: text/x-script).
      const compressible = !encoded && /^(?:text\/|application\/(?:json|javascript))/i.test(type);
      entries.set(key, { key, version: dataVersion, expires: now() + ttlMs, status, headers, body, pieces, nonce: nonce ?? "", compressible, gzip: null });
      return true;
    },
    /** Forgets key (its page could not be rendered again for sharing: a redirect, a 404, an error). */
    drop(key) {
      remove(key);
    },
    /**
     * The entry's body with this answer's nonce in place of the render's, as the chunks to write one after the
     * other (no copy of the page per answer: joining them into one buffer was most of a cached answer's garbage).
     * With encoding "gzip": the same content as one gzip stream (RFC 1952), from the pieces compressed once.
     */
    chunksFor(entry, nonce, encoding = "identity") {
      const swap = entry.pieces.length > 1 && nonce && entry.nonce !== nonce;
      if (encoding === "gzip") {
        if (!entry.gzip) {
          entry.gzip = compressPieces(entry.pieces);
          if (entries.get(entry.key) === entry) {
            totalBytes += entry.gzip.bytes;
            // Still within the bound: the oldest other entries go first.
            for (const key of entries.keys()) {
              if (totalBytes <= MAX_TOTAL_BYTES) break;
              if (key !== entry.key) remove(key);
            }
          }
        }
        return gzipChunks(entry.pieces, entry.gzip.segments, Buffer.from(swap ? nonce : entry.nonce, "utf8"));
      }
      if (!swap) return [entry.body];
      const glue = Buffer.from(nonce, "utf8");
      const chunks = [entry.pieces[0]];
      for (let i = 1; i < entry.pieces.length; i++) chunks.push(glue, entry.pieces[i]);
      return chunks;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return totalBytes;
    },
  };
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty last block (fixed Huffman codes: BFINAL 1, BTYPE 01, end of block). */
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * Each piece compressed on its own and ended with a full flush: the output stops at a byte boundary with the
 * compressor's history reset, so the pieces' deflate data may follow each other with anything between them
 * (a stored block holding the nonce) and still be one valid deflate stream.
 */
function compressPieces(pieces) {
  const segments = pieces.map((piece) => zlib.deflateRawSync(piece, { finishFlush: zlib.constants.Z_FULL_FLUSH }));
  return { segments, bytes: segments.reduce((n, s) => n + s.length, 0) };
}

/** A stored (uncompressed) block that is not the last one; it starts at a byte boundary after a full flush. */
function storedBlock(bytes) {
  const header = Buffer.from([0, bytes.length & 0xff, bytes.length >> 8, ~bytes.length & 0xff, (~bytes.length >> 8) & 0xff]);
  return [header, bytes];
}

/** One gzip member: the compressed pieces with the nonce stored between them, then the CRC and size of the whole. */
function gzipChunks(pieces, segments, glue) {
  const chunks = [GZIP_HEADER, segments[0]];
  let crc = zlib.crc32(pieces[0]);
  let size = pieces[0].length;
  for (let i = 1; i < pieces.length; i++) {
    chunks.push(...storedBlock(glue), segments[i]);
    crc = zlib.crc32(pieces[i], zlib.crc32(glue, crc));
    size += glue.length + pieces[i].length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  chunks.push(LAST_BLOCK, trailer);
  return chunks;
}

/**
 * Whether an Accept-Encoding header accepts gzip (a "gzip" or "*" entry whose quality is not 0; an explicit
 * "gzip;q=0" refuses it even with "*").
 */
export function acceptsGzip(header) {
  if (!header) return false;
  let star = false;
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    const coding = name.trim();
    if (coding === "gzip" || coding === "x-gzip") return accepted;
    if (coding === "*") star = accepted;
  }
  return star;
}

/** body cut at every occurrence of separator (the pieces share body's memory). */
function splitAround(body, separator) {
  const pieces = [];
  let from = 0;
  for (let at = body.indexOf(separator, from); at >= 0; at = body.indexOf(separator, from)) {
    pieces.push(body.subarray(from, at));
    from = at + separator.length;
  }
  pieces.push(body.subarray(from));
  return pieces;
}

/**
 * The language cookie's value ("" when absent) if the request carries no other cookie; null otherwise (a
 * session, a pending sign-in step or anything else the page might depend on).
 */
function languageOnly(cookieHeader) {
  if (!cookieHeader) return "";
  let language = "";
  for (const part of cookieHeader.split(";")) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    const name = eq < 0 ? trimmed : trimmed.slice(0, eq);
    if (name !== LANGUAGE_COOKIE) return null;
    language = trimmed.slice(eq + 1);
  }
  return language;
}

/** PAGE_CACHE_SECONDS: how long an anonymous page may be served again (0 turns the cache off; default 2). */
export function pageCacheTtlMs(value) {
  if (value === undefined || value.trim() === "") return 2000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 300) {
    throw new Error(`PAGE_CACHE_SECONDS must be a number of seconds from 0 to 300 (got "${value}")`);
  }
  return Math.round(seconds * 1000);
}
