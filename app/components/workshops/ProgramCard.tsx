// One program in the catalogue list: title in the reader's language (falling back), kind, topics, grades, fee.
import type { ProgramKind } from "#db/schema";
import { Link } from "@remix-run/react";
import { useFormat, useLocale, useT } from "~/i18n/react";

export interface ProgramCardData {
  kind: ProgramKind;
  title_vi: string;
  title_en: string | null;
  summary_vi: string;
  summary_en: string | null;
  grade_min: number | null;
  grade_max: number | null;
  age_min: number | null;
  age_max: number | null;
  fee_vnd: number;
  topics: string[];
  nextStart: string | null;
  href: string;
}

export function localized(vi: string, en: string | null, locale: string): string {
  if (locale === "en") return en || vi;
  return vi || en || "";
}

export function AudienceText({ p }: { p: Pick<ProgramCardData, "grade_min" | "grade_max" | "age_min" | "age_max"> }) {
  const t = useT();
  const parts: string[] = [];
  if (p.grade_min !== null || p.grade_max !== null) parts.push(t("catalog.grades", { min: p.grade_min ?? 1, max: p.grade_max ?? 12 }));
  if (p.age_min !== null || p.age_max !== null) parts.push(t("catalog.ages", { min: p.age_min ?? 3, max: p.age_max ?? 99 }));
  return <>{parts.length ? parts.join(" · ") : t("catalog.everyone")}</>;
}

export function ProgramCard({ program: p }: { program: ProgramCardData }) {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  return (
    <article className="card flex h-full flex-col gap-2">
      <p>
        <span className="badge badge-neutral">{t(`catalog.kind.${p.kind}`)}</span>
      </p>
      <h2 className="text-lg font-semibold">
        <Link to={p.href}>{localized(p.title_vi, p.title_en, locale)}</Link>
      </h2>
      <p className="text-slate-700">{localized(p.summary_vi, p.summary_en, locale)}</p>
      <p className="text-sm">
        <AudienceText p={p} /> · {p.fee_vnd === 0 ? t("common.free") : f.money(p.fee_vnd)}
      </p>
      {p.nextStart ? <p className="text-sm">{t("catalog.nextSession", { date: f.dateTime(p.nextStart) })}</p> : null}
      {p.topics.length ? (
        <ul className="mt-auto flex flex-wrap gap-1" aria-label={t("catalog.topic")}>
          {p.topics.map((topic) => (
            <li key={topic} className="badge badge-neutral">
              {topic}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
