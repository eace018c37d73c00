import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressCsv } from "~/classes/progress-csv.server";
import { loadClassProgress } from "~/classes/progress.server";
import { progressQuerySchema } from "~/classes/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { requireClassAccess } from "~/lib/class-guard.server";
import { csvResponse } from "~/lib/csv.server";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls } = await requireClassAccess(request, params, "view");
  const query = parseParam(progressQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const locale = await resolveLocale(request, user);
  const matrix = await loadClassProgress(db, { classId: cls.id, locale, ...query });
  const { filename, csv } = progressCsv(cls.name, matrix, locale);
  return csvResponse(filename, csv);
}
