import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { PROGRAM_KINDS } from "~/catalog/kinds";
import { catalogQueryFrom } from "~/catalog/schemas";
import { listCatalogTopics, searchCatalog } from "~/catalog/search.server";
import { PageHeading, Pagination } from "~/components/layout";
import { ProgramCard } from "~/components/workshops/ProgramCard";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { getOptionalUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "STEM Hub" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const query = catalogQueryFrom(new URL(request.url));
  const locale = await resolveLocale(request, await getOptionalUser(request));
  const [result, topics] = await Promise.all([searchCatalog(db, query, { locale, now: nowIso() }), listCatalogTopics(db, locale)]);
  return { ...result, query, topics };
}

export default function Catalog() {
  const t = useT();
  const { items, total, page, pages, query, topics } = useLoaderData<typeof loader>();
  const activeFilters = [query.kind, query.topic, query.grade, query.from, query.to, query.free].filter(
    (v) => v !== undefined && v !== null && v !== ""
  ).length;
  const filtersRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (filtersRef.current && window.matchMedia("(min-width: 640px)").matches) filtersRef.current.open = true;
  }, []);
  return (
    <div>
      <PageHeading lead={t("catalog.lead")}>{t("catalog.title")}</PageHeading>
      <p className="mb-4">
        <Link to="/lab">{t("lab.catalogLink")}</Link>
      </p>
      <Form
        key={JSON.stringify(query)}
        method="get"
        role="search"
        aria-label={t("catalog.searchLabel")}
        className="card mb-6 grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <div className="field sm:col-span-2">
          <label htmlFor="catalog-q">{t("catalog.q")}</label>
          <input id="catalog-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("catalog.qPlaceholder")} maxLength={100} />
        </div>
        {/* One "Filters" control: collapsed unless a filter is in use (so what narrows the list is in view);
            with JavaScript it opens by itself on screens wider than a phone. Works without JavaScript. */}
        <details ref={filtersRef} open={activeFilters > 0 || undefined} className="catalog-filters sm:col-span-2 lg:col-span-4" data-testid="catalog-filters">
          <summary className="mb-3 inline-flex cursor-pointer items-center gap-2 font-semibold text-accent" style={{ minHeight: 44 }}>
            {activeFilters > 0 ? t("catalog.filtersActive", { count: activeFilters }) : t("catalog.filters")}
          </summary>
          <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
            <div className="field">
              <label htmlFor="catalog-kind">{t("catalog.kind")}</label>
              <select id="catalog-kind" name="kind" defaultValue={query.kind ?? ""}>
                <option value="">{t("catalog.allKinds")}</option>
                {PROGRAM_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`catalog.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="catalog-topic">{t("catalog.topic")}</label>
              <select id="catalog-topic" name="topic" defaultValue={query.topic ?? ""}>
                <option value="">{t("catalog.allTopics")}</option>
                {topics.map((topic) => (
                  <option key={topic.topic} value={topic.topic} lang={topic.lang}>
                    {topic.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="catalog-grade">{t("catalog.grade")}</label>
              <select id="catalog-grade" name="grade" defaultValue={query.grade ? String(query.grade) : ""}>
                <option value="">{t("catalog.anyGrade")}</option>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((g) => (
                  <option key={g} value={g}>
                    {t("catalog.gradeN", { grade: g })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="catalog-from">{t("catalog.from")}</label>
              <input id="catalog-from" name="from" type="date" defaultValue={query.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="catalog-to">{t("catalog.to")}</label>
              <input id="catalog-to" name="to" type="date" defaultValue={query.to ?? ""} />
            </div>
            <div className="field field-check self-end">
              <input id="catalog-free" name="free" type="checkbox" value="1" defaultChecked={!!query.free} />
              <label htmlFor="catalog-free">{t("catalog.freeOnly")}</label>
            </div>
          </div>
        </details>
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn">
            {t("common.search")}
          </button>
          <Link to="/catalog">{t("catalog.reset")}</Link>
        </div>
      </Form>
      <p className="mb-4" role="status" data-testid="catalog-total">
        {t("catalog.total", { count: total })}
      </p>
      {items.length === 0 ? (
        <p className="card">{t("catalog.empty")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((p) => (
            <li key={p.id}>
              <ProgramCard program={p} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
