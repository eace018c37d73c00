// Notification parameters are stored language-neutral and rendered in the reader's language:
// a catalogue key (a role, a status) is translated, an ISO time is formatted with Intl.
import { isMessageKey, type Locale, type Translate } from "~/i18n";
import { formatDateTime } from "~/i18n/format";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function localizeParams(params: Record<string, string | number>, t: Translate, locale: Locale): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      if (typeof v !== "string") return [k, v];
      if (isMessageKey(v)) return [k, t(v)];
      if (ISO_TIME.test(v)) return [k, formatDateTime(locale, v)];
      return [k, v];
    }),
  );
}
