import type { LoaderFunctionArgs } from "@remix-run/node";
import { openBadgeCredential } from "~/certificates/openbadges.server";
import { verificationUrl } from "~/certificates/urls.server";
import { siteOrigin } from "~/lib/env.server";
import { lookUpForVerification, publicView } from "~/certificates/verify.server";
import { db } from "~/lib/db.server";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };

// /verify/:code.json — the verification data as an (unsigned) Open Badges 3.0 credential.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const found = await lookUpForVerification(db, params.code ?? "", context.clientIp);
  if (found.status === "throttled") {
    return new Response(JSON.stringify({ error: "too_many_requests" }), { status: 429, headers: { ...JSON_HEADERS, "Retry-After": "60" } });
  }
  if (found.status === "notFound") return new Response(JSON.stringify({ error: "not_found" }), { status: 404, headers: JSON_HEADERS });
  const origin = siteOrigin(request);
  const c = found.certificate;
  const body = openBadgeCredential({ ...publicView(c), programId: c.program_id }, origin, verificationUrl(origin, c.code));
  return new Response(JSON.stringify(body, null, 2), { status: 200, headers: JSON_HEADERS });
}
