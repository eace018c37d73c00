import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { SelectField, TextField } from "~/components/forms";
import { SchoolReport } from "~/components/insights/SchoolReport";
import { periodOf } from "~/insights/period";
import { schoolReportRefusals } from "~/insights/refusals";
import { RANGE_PRESETS, schoolReportQuerySchema } from "~/insights/schemas";
import { chooseReportSchool, loadSchoolReport, reportSchoolsFor } from "~/insights/school-report.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseFormData } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { forbidden } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

// A school's activity report: its coordinators (their own schools only) and staff (any school).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "coordinator", "staff", "admin");
  const locale = await resolveLocale(request, user);
  const parsed = parseFormData(new URL(request.url).searchParams, schoolReportQuerySchema);
  const schools = await reportSchoolsFor(db, user);
  const choices = schools.map((s) => ({ id: s.id, name: s.name }));
  if (!parsed.ok) return data({ view: null, choices, reply: parsed.submission.reply() }, { status: 400 });
  const chosen = chooseReportSchool(user, schools, parsed.value.school);
  if (!chosen.ok) {
    const rule = schoolReportRefusals[chosen.reason];
    if (rule.status === 403) throw forbidden();
    return data({ view: null, choices, reply: parsed.submission.reply({ fieldErrors: { school: [rule.key] } }) }, { status: rule.status });
  }
  if (!chosen.value) return data({ view: null, choices, reply: parsed.submission.reply() });
  const period = periodOf({ preset: parsed.value.range, from: parsed.value.from, to: parsed.value.to, now: nowIso() });
  const view = await loadSchoolReport(db, { school: chosen.value, period, locale });
  return data({ view, choices, reply: parsed.submission.reply() });
}

export default function SchoolReportPage() {
  const t = useT();
  const { view, choices, reply } = useLoaderData<typeof loader>();
  const location = useLocation();
  const typed = (name: string) => new URLSearchParams(location.search).get(name) ?? undefined;
  const failed = reply.status === "error";
  return (
    <div>
      <PageHeading lead={t("schoolReport.lead")}>{t("schoolReport.title")}</PageHeading>
      <Form method="get" className="card mb-6 grid print:hidden gap-x-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("insights.range")}>
        {choices.length > 1 || !view ? (
          <SelectField
            name="school"
            label={t("schoolReport.school")}
            reply={reply}
            defaultValue={typed("school") ?? (view ? String(view.school.id) : "")}
            options={[{ value: "", label: t("schoolReport.chooseSchool") }, ...choices.map((s) => ({ value: String(s.id), label: s.name }))]}
          />
        ) : (
          <input type="hidden" name="school" value={view.school.id} />
        )}
        <SelectField
          name="range"
          label={t("insights.range")}
          reply={reply}
          defaultValue={typed("range") ?? "quarter"}
          options={RANGE_PRESETS.map((r) => ({ value: r, label: t(`insights.range.${r}`) }))}
        />
        <TextField name="from" type="date" label={t("insights.from")} hint={t("insights.customHint")} reply={reply} defaultValue={typed("from") ?? view?.period.fromDate} />
        <TextField name="to" type="date" label={t("insights.to")} hint={t("insights.customHint")} reply={reply} defaultValue={typed("to") ?? view?.period.toDate} />
        <div className="sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn">
            {t("insights.apply")}
          </button>
        </div>
      </Form>
      {view ? (
        <SchoolReport view={view} search={location.search} />
      ) : (
        <p className="card" role={failed ? "alert" : "status"}>
          {failed ? t("insights.fixErrors") : choices.length ? t("schoolReport.chooseSchool") : t("schoolReport.noSchool")}
        </p>
      )}
    </div>
  );
}
