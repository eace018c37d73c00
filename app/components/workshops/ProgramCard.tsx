// One program in the catalogue list (a CatalogItem view, already in the reader's language): kind, title, topics,
// grades, fee.
import { Link } from "@remix-run/react";
import type { Audience, CatalogItem } from "~/catalog/views";
import { useFormat, useT } from "~/i18n/react";

export function AudienceText({ p }: { p: Audience }) {
  const t = useT();
  const parts: string[] = [];
  if (p.gradeMin !== null || p.gradeMax !== null) parts.push(t("catalog.grades", { min: p.gradeMin ?? 1, max: p.gradeMax ?? 12 }));
  if (p.ageMin !== null || p.ageMax !== null) parts.push(t("catalog.ages", { min: p.ageMin ?? 3, max: p.ageMax ?? 99 }));
  return <>{parts.length ? parts.join(" · ") : t("catalog.everyone")}</>;
}

export function ProgramCard({ program: p }: { program: CatalogItem }) {
  const t = useT();
  const f = useFormat();
  return (
    <article className="card flex h-full flex-col gap-2">
      <p>
        <span className="badge badge-neutral">{t(`catalog.kind.${p.kind}`)}</span>
      </p>
      <h2 className="text-lg font-semibold">
        <Link to={p.href}>{p.title}</Link>
      </h2>
      <p className="text-slate-700">{p.summary}</p>
      <p className="text-sm">
        <AudienceText p={p} /> · {p.feeVnd === 0 ? t("common.free") : f.money(p.feeVnd)}
      </p>
      {p.nextStart ? <p className="text-sm">{t("catalog.nextSession", { date: f.dateTime(p.nextStart) })}</p> : null}
      {p.topics.length ? (
        <ul className="mt-auto flex flex-wrap gap-1" aria-label={t("catalog.topic")}>
          {p.topics.map((topic) => (
            <li key={topic.topic} className="badge badge-neutral" lang={topic.lang}>
              {topic.label}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
