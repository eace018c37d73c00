import type { LoaderFunctionArgs } from "@remix-run/node";
import { signedStatusList } from "~/certificates/openbadges.server";
import { statusListExists } from "~/certificates/status-list.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { nowIso } from "~/lib/time";

// /credentials/status/:list — the signed revocation BitstringStatusListCredential that certificates point to in
// credentialStatus. Rebuilt from the certificates table (cached while nothing changed). Public, any origin.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = params.list ?? "";
  const list = /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 0;
  const headers = { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" };
  if (!(await statusListExists(db, list))) {
    return new Response(JSON.stringify({ error: "not_found" }), { status: 404, headers: { ...headers, "Content-Type": "application/json" } });
  }
  const credential = await signedStatusList(db, { origin: siteOrigin(request), list, now: nowIso() });
  return new Response(JSON.stringify(credential, null, 2), { headers: { ...headers, "Content-Type": "application/vc+ld+json" } });
}
