import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { ensureFound } from "~/lib/http.server";
import { icsResponse } from "~/lib/ics.server";
import { feedCalendar } from "~/workshops/schedule.server";

// /calendar/<secret>.ics: the private feed calendar apps subscribe to (no login; the token is the key).
const fileParam = z.string().regex(/^[A-Za-z0-9_-]{22,64}\.ics$/).transform((f) => f.slice(0, -4));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = parseParamOr404(fileParam, params.file);
  const body = ensureFound(await feedCalendar(db, token, env.publicOrigin || new URL(request.url).origin));
  return icsResponse("stem-hub.ics", body);
}
