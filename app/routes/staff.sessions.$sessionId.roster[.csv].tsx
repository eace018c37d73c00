import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/lib/guards.server";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { rosterCsv } from "~/workshops/roster-csv.server";
import { idSchema } from "~/workshops/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  const csv = await rosterCsv(db, sessionId, user.locale);
  if (!csv) throw new Response("Not Found", { status: 404 });
  return csv;
}
