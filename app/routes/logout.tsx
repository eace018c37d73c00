import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { endSession } from "~/auth/lucia.server";
import { recordAudit } from "~/lib/audit.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms.server";
import { getOptionalUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

// POST only: logging out changes state, so a GET (a link, a prefetch) must not do it.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Read (and ignore) the body before answering, so an unexpected upload never drops the connection.
  await parseForm(request, z.object({}));
  const user = await getOptionalUser(request);
  if (user) {
    const actor = { userId: user.id, ip: context?.clientIp ?? "unknown" };
    await recordAudit(db, { actor, action: "auth.logout", subject: { type: "user", id: user.id }, now: nowIso() });
  }
  const cookie = await endSession(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
