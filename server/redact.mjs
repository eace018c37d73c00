// The request log must never hold a secret: calendar feed tokens, join codes, certificate codes, e-mail and
// password-reset tokens, or any token/code/key in a query string.
const SECRET_PATHS = [
  [/^(\/calendar\/)[^/?]+/, "$1[redacted]"],
  [/^(\/join\/)[^/?]+/, "$1[redacted]"],
  [/^(\/verify\/)[^/?.]+/, "$1[redacted]"],
  [/^(\/(?:reset-password|verify-email|confirm-email|unsubscribe|slips|guardians\/link|invitations)\/)[^/?]+/, "$1[redacted]"],
];
const SECRET_PARAMS = /^(token|code|key|password|secret|otp|signature|t)$/i;
// Any other path segment that looks like a random token (long, mixed letters and digits) is hidden too.
const TOKEN_LIKE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{20,}$/;

function redactPath(path) {
  for (const [pattern, replacement] of SECRET_PATHS) path = path.replace(pattern, replacement);
  return path
    .split("/")
    .map((segment) => (TOKEN_LIKE.test(segment.replace(/\.[a-z]+$/i, "")) ? "[redacted]" : segment))
    .join("/");
}

function decode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

export function redactUrl(url) {
  const q = url.indexOf("?");
  const path = redactPath(q === -1 ? url : url.slice(0, q));
  const query = q === -1 ? "" : url.slice(q + 1);
  if (!query) return path;
  const params = query.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (eq === -1) return pair;
    if (SECRET_PARAMS.test(decode(name))) return `${name}=[redacted]`;
    // A path carried in a parameter (Remix's /__manifest?p=/reset-password/…, redirectTo=…) is redacted as a path.
    const value = decode(pair.slice(eq + 1));
    if (value.startsWith("/")) {
      const redacted = redactPath(value.split("?")[0]);
      if (redacted !== value.split("?")[0]) return `${name}=${encodeURIComponent(redacted)}`;
    }
    return pair;
  });
  return `${path}?${params.join("&")}`;
}
