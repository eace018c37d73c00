import type { LoaderFunctionArgs } from "@remix-run/node";
import { credentialSource, signedOpenBadge } from "~/certificates/openbadges.server";
import { verificationUrl } from "~/certificates/urls.server";
import { lookUpForVerification, VERIFY_LIMIT } from "~/certificates/verify.server";
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

// /verify/:code.json — the signed Open Badges 3.0 credential (eddsa-rdfc-2022 Data Integrity proof, did:web issuer).
// ?download=1 answers it as a file to keep in a wallet ("Lưu vào ví / Save to wallet" on the certificate page).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  const now = nowIso();
  const found = await lookUpForVerification(db, { code, clientIp: context.clientIp, now });
  if (!found.ok) return json({ error: "too_many_requests" }, 429, { "Retry-After": String(VERIFY_LIMIT.windowMs / 1000) });
  const c = found.value;
  if (!c) return json({ error: "not_found" }, 404);
  const origin = siteOrigin(request);
  const credential = await signedOpenBadge(db, credentialSource(c), { origin, verifyUrl: verificationUrl(origin, c.code), now });
  const download = new URL(request.url).searchParams.has("download");
  return json(
    credential,
    200,
    download
      ? { "Content-Type": "application/vc+ld+json; charset=utf-8", "Content-Disposition": `attachment; filename="${c.serial}.credential.json"` }
      : {},
  );
}
