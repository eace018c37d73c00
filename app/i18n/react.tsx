import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { createTranslator, DEFAULT_LOCALE, type Locale, type Translate } from "./index";
import * as format from "./format";

interface RootData {
  locale: Locale;
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The translate function and formatters bound to the user's language. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => createTranslator(locale), [locale]);
}

export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      date: (iso: string) => format.formatDate(locale, iso),
      time: (iso: string) => format.formatTime(locale, iso),
      dateTime: (iso: string) => format.formatDateTime(locale, iso),
      longDate: (iso: string) => format.formatLongDate(locale, iso),
      money: (vnd: number) => format.formatMoney(locale, vnd),
      number: (n: number) => format.formatNumber(locale, n),
      percent: (fraction: number) => format.formatPercent(locale, fraction),
    }),
    [locale],
  );
}
