import type { ActionFunctionArgs } from "@remix-run/node";
import { checkSubmittedCredential, MAX_SUBMITTED_CREDENTIAL_BYTES } from "~/certificates/openbadges.server";
import { VERIFY_LIMIT } from "~/certificates/verify.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { consumeThrottle } from "~/lib/throttle.server";
import { nowIso } from "~/lib/time";

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

// GET /verify/credential: only POST is meaningful.
export function loader() {
  return json({ error: "method_not_allowed", use: "POST a credential as application/json" }, 405, { Allow: "POST" });
}

// POST /verify/credential — checks one of our signed credentials (JSON body, at most 64 KB): signature and status
// list, from local data only. Answers { signature, status, reason }. Throttled with the verification page.
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method_not_allowed" }, 405, { Allow: "POST" });
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!["application/json", "application/ld+json", "application/vc+ld+json", "application/vc"].includes(type)) {
    return json({ error: "unsupported_media_type" }, 415);
  }
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_SUBMITTED_CREDENTIAL_BYTES) return json({ error: "too_large" }, 413);
  const now = nowIso();
  if (!(await consumeThrottle(db, VERIFY_LIMIT, context.clientIp, now)).allowed) {
    return json({ error: "too_many_requests" }, 429, { "Retry-After": String(VERIFY_LIMIT.windowMs / 1000) });
  }
  const body = await request.text();
  const r = await checkSubmittedCredential(db, { body, origin: siteOrigin(request), now });
  if (!r.ok) {
    const status = r.reason === "tooLarge" ? 413 : r.reason === "notJson" ? 400 : 422;
    return json({ error: r.reason }, status);
  }
  return json({ verified: r.value.signature === "valid" && r.value.status === "valid", ...r.value });
}
