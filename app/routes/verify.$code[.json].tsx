import type { LoaderFunctionArgs } from "@remix-run/node";
import { openBadgeCredential } from "~/certificates/openbadges.server";
import { verificationUrl } from "~/certificates/urls.server";
import { lookUpForVerification, publicView, VERIFY_LIMIT } from "~/certificates/verify.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { nowIso } from "~/lib/time";

/** The one way this endpoint answers: JSON, never cached, readable from any origin (errors too, as JSON). */
function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*", ...headers },
  });
}

// /verify/:code.json — the verification data as an (unsigned) Open Badges 3.0 credential.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  const found = await lookUpForVerification(db, { code, clientIp: context.clientIp, now: nowIso() });
  if (!found.ok) return json({ error: "too_many_requests" }, 429, { "Retry-After": String(VERIFY_LIMIT.windowMs / 1000) });
  const c = found.value;
  if (!c) return json({ error: "not_found" }, 404);
  const origin = siteOrigin(request);
  return json(openBadgeCredential({ ...publicView(c), programId: c.program_id }, origin, verificationUrl(origin, c.code)), 200);
}
