import { isDatabaseHealthy } from "~/lib/db.server";

export async function loader() {
  const ok = await isDatabaseHealthy();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
