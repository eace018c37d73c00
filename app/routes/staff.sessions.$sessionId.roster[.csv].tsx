import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { rosterCsv } from "~/workshops/roster-csv.server";
import { idSchema } from "~/workshops/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  const file = ensureFound(await rosterCsv(db, sessionId, user.locale));
  return csvResponse(file.filename, file.csv);
}
