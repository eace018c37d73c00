import type { LoaderFunctionArgs } from "@remix-run/node";
import { didDocument } from "~/certificates/issuer-keys.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { nowIso } from "~/lib/time";

// /.well-known/did.json — the did:web document of the certificate issuer: its current and rotated Ed25519 keys
// (Multikey), each an assertionMethod. Public, readable from any origin.
export async function loader({ request }: LoaderFunctionArgs) {
  const doc = await didDocument(db, { origin: siteOrigin(request), now: nowIso() });
  return new Response(JSON.stringify(doc, null, 2), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
