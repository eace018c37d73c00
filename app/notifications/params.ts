// Notification parameters are stored language-neutral and rendered in the reader's language:
// a catalogue key (a role, a status) is translated, an ISO time is formatted with Intl, and a bilingual text
// stored as { vi, en } (see `bilingual` in ~/i18n/localized) is shown in the reader's language.
import { isMessageKey, type Locale, type Translate } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { localized } from "~/i18n/localized";

export type BilingualText = { vi: string; en: string | null };
export type NotificationParam = string | number | BilingualText;
export type NotificationParams = Record<string, NotificationParam>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function localizeParams(params: NotificationParams, t: Translate, locale: Locale): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      if (typeof v === "object" && v !== null) return [k, localized({ text_vi: v.vi, text_en: v.en }, "text", locale)];
      if (typeof v !== "string") return [k, v];
      if (isMessageKey(v)) return [k, t(v)];
      if (ISO_TIME.test(v)) return [k, formatDateTime(locale, v)];
      return [k, v];
    }),
  );
}
