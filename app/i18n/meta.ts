// Page titles in the reader's language, from route `meta` functions (which cannot use hooks).
import { createTranslator, DEFAULT_LOCALE, type Locale, type MessageKey } from "./index";

type Matches = readonly { id: string; data: unknown }[];

export function localeFromMatches(matches: Matches): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return root?.locale ?? DEFAULT_LOCALE;
}

/** [{ title: "Đăng nhập · STEM Hub" }] */
export function titleMeta(matches: Matches, key: MessageKey, params?: Record<string, string | number>) {
  return [{ title: `${createTranslator(localeFromMatches(matches))(key, params)} · STEM Hub` }];
}
