// Staff: the course report as CSV (every active learner, same sort as the page), in the staff member's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReportRows } from "~/courses/report.server";
import { idParam, reportQuerySchema } from "~/courses/schemas";
import { getCourseHeader } from "~/courses/structure.server";
import { createTranslator } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { db } from "~/lib/db.server";
import { parseParam, parseParamOr404 } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await resolveLocale(request, user);
  const course = ensureFound(await getCourseHeader(db, parseParamOr404(idParam, params.id), locale));
  const query = parseParam(reportQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const { requiredTotal, rows } = await getReportRows(db, { programId: course.id, sort: query.sort, dir: query.dir });
  const t = createTranslator(locale);
  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso) : "");
  const csv = toCsv(
    [t("courses.report.learner"), t("courses.report.login"), t("courses.report.enrolledAt"), t("courses.report.lessonsDone"), t("courses.report.progress"), t("courses.report.lastActivity"), t("courses.report.completedAt")],
    rows.map((r) => [r.fullName, r.login, when(r.enrolledAt), `${r.requiredDone}/${requiredTotal}`, r.percent, when(r.lastActivityAt), when(r.completedAt)]),
  );
  return csvResponse(`${course.slug}-report.csv`, csv);
}
