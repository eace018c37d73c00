import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { SelectField, TextField } from "~/components/forms";
import { InsightsReport } from "~/components/insights/InsightsReport";
import { loadChoices, loadInsights, periodOfQuery, resolveFilters } from "~/insights/insights.server";
import { topicLabel } from "~/insights/tables";
import { filterRefusals } from "~/insights/refusals";
import { INSIGHT_KINDS, insightsQuerySchema, RANGE_PRESETS } from "~/insights/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseFormData } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await resolveLocale(request, user);
  const parsed = parseFormData(new URL(request.url).searchParams, insightsQuerySchema);
  const choices = await loadChoices(db);
  if (!parsed.ok) return data({ view: null, choices, reply: parsed.submission.reply() }, { status: 400 });
  const filters = resolveFilters(parsed.value, choices);
  if (!filters.ok) {
    const rule = filterRefusals[filters.reason];
    return data({ view: null, choices, reply: parsed.submission.reply({ fieldErrors: { [rule.field]: [rule.key] } }) }, { status: rule.status });
  }
  const view = await loadInsights(db, { period: periodOfQuery(parsed.value, nowIso()), filters: filters.value, locale });
  return data({ view, choices, reply: parsed.submission.reply() });
}

export default function StaffInsights() {
  const t = useT();
  const locale = useLocale();
  const { view, choices, reply } = useLoaderData<typeof loader>();
  const location = useLocation();
  const typed = (name: string) => new URLSearchParams(location.search).get(name) ?? undefined;
  return (
    <div>
      <PageHeading lead={t("insights.lead")}>{t("insights.title")}</PageHeading>
      <Form method="get" className="card mb-6 grid print:hidden gap-x-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("insights.range")}>
        <SelectField
          name="range"
          label={t("insights.range")}
          reply={reply}
          defaultValue={typed("range") ?? "quarter"}
          options={RANGE_PRESETS.map((r) => ({ value: r, label: t(`insights.range.${r}`) }))}
        />
        <TextField name="from" type="date" label={t("insights.from")} hint={t("insights.customHint")} reply={reply} defaultValue={typed("from") ?? view?.period.fromDate} />
        <TextField name="to" type="date" label={t("insights.to")} hint={t("insights.customHint")} reply={reply} defaultValue={typed("to") ?? view?.period.toDate} />
        <SelectField
          name="kind"
          label={t("insights.kind")}
          reply={reply}
          defaultValue={typed("kind") ?? ""}
          options={[{ value: "", label: t("insights.kind.all") }, ...INSIGHT_KINDS.map((k) => ({ value: k, label: t(`insights.kind.${k}`) }))]}
        />
        <SelectField
          name="topic"
          label={t("insights.topic")}
          reply={reply}
          defaultValue={typed("topic") ?? ""}
          options={[{ value: "", label: t("insights.topic.all") }, ...choices.topics.map((topic) => ({ value: topic, label: topicLabel(topic, choices.topicNamesEn[topic], locale) }))]}
        />
        <SelectField
          name="school"
          label={t("insights.school")}
          reply={reply}
          defaultValue={typed("school") ?? ""}
          options={[{ value: "", label: t("insights.school.all") }, ...choices.schools.map((s) => ({ value: String(s.id), label: s.name }))]}
        />
        <div className="sm:col-span-2 lg:col-span-3">
          <button type="submit" className="btn">
            {t("insights.apply")}
          </button>
        </div>
      </Form>
      {view ? (
        <p className="mb-6 flex flex-wrap gap-4 print:hidden">
          <a href={`/staff/insights/report.pdf${location.search}`} className="btn" download>
            {t("quarterly.link")}
          </a>
          <Link to={`/staff/insights/report${location.search}`}>{t("quarterly.printLink")}</Link>
        </p>
      ) : null}
      {view ? (
        <InsightsReport view={view} search={location.search} />
      ) : (
        <p className="card" role="alert">
          {t("insights.fixErrors")}
        </p>
      )}
    </div>
  );
}
