// The one way to show a bilingual field: `localized(row, "title", locale)` reads `title_vi` / `title_en`.
// The rule: English when the reader reads English and the English text is not blank; otherwise Vietnamese
// (every bilingual field has its Vietnamese text; English is optional). Safe for client and server.
import type { Locale } from "./index";

export type Bilingual<F extends string> = { [K in `${F}_vi`]: string | null } & { [K in `${F}_en`]?: string | null };

export function localized<F extends string>(row: Bilingual<F>, field: F, locale: Locale): string {
  const r = row as Record<string, string | null | undefined>;
  const en = r[`${field}_en`];
  if (locale === "en" && en && en.trim() !== "") return en;
  return r[`${field}_vi`] ?? "";
}

/** Both texts of a field, for what is stored and shown later in the reader's language (notification params). */
export function bilingual<F extends string>(row: Bilingual<F>, field: F): { vi: string; en: string | null } {
  const r = row as Record<string, string | null | undefined>;
  return { vi: r[`${field}_vi`] ?? "", en: r[`${field}_en`] ?? null };
}
