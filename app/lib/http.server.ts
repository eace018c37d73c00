// The one place that builds error responses for routes: `throw notFound()` and friends. Thrown responses are
// shown by the root ErrorBoundary in the user's language.
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export function badRequest(): Response {
  return new Response("Bad Request", { status: 400 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function payloadTooLarge(): Response {
  return new Response("Payload Too Large", { status: 413 });
}

export function tooManyRequests(retryAfterSeconds?: number): Response {
  const headers = retryAfterSeconds ? { "Retry-After": String(Math.ceil(retryAfterSeconds)) } : undefined;
  return new Response("Too Many Requests", { status: 429, headers });
}

/** The value, or a 404 thrown when it is missing: `const tour = ensureFound(await getTour(db, id))`. */
export function ensureFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}
