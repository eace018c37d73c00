import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { ensureFound } from "~/lib/http.server";
import { requireUser } from "~/lib/guards.server";
import { icsResponse } from "~/lib/ics.server";
import { registrationCalendar } from "~/workshops/schedule.server";

// /schedule/123.ics: one registration's meetings, for its owner only.
const fileParam = z.string().regex(/^\d{1,10}\.ics$/).transform((f) => Number(f.slice(0, -4)));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const registrationId = parseParamOr404(fileParam, params.file);
  const user = await requireUser(request);
  const body = ensureFound(await registrationCalendar(db, { userId: user.id, registrationId, origin: env.publicOrigin || new URL(request.url).origin }));
  return icsResponse(`workshop-${registrationId}.ics`, body);
}
