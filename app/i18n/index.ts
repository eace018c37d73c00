// The one translate helper, for the server (createTranslator) and for components (useT in app/i18n/react.tsx).
import { catalogues, type MessageKey } from "./messages";

export type Locale = "vi" | "en";
export const LOCALES: readonly Locale[] = ["vi", "en"] as const;
export const DEFAULT_LOCALE: Locale = "vi";
export type { MessageKey };
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogues.vi, key);
}

/** A key that came from data (a stored notification, a form error): itself when the catalogue has it. */
export function toMessageKey(key: string, fallback: MessageKey = "validation.invalid"): MessageKey {
  return isMessageKey(key) ? key : fallback;
}

function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Plurals: when params.count is given and the catalogue has `key_one` / `key_other`, the form is chosen with
 * Intl.PluralRules (Vietnamese has one form; English has two). Unknown keys are shown as they are, so a
 * missing string is visible rather than blank.
 */
export function createTranslator(locale: Locale): Translate {
  return (translators[locale] ??= buildTranslator(locale));
}

// One translator (and one PluralRules) per language for the life of the process.
const translators: Partial<Record<Locale, Translate>> = {};

function buildTranslator(locale: Locale): Translate {
  const messages = catalogues[locale] as Record<string, string>;
  const plural = new Intl.PluralRules(locale === "vi" ? "vi-VN" : "en-GB");
  return (key, params) => {
    let template = messages[key];
    if (params && typeof params.count === "number") {
      const form = messages[`${key}_${plural.select(params.count)}`] ?? messages[`${key}_other`];
      if (form) template = form;
    }
    return interpolate(template ?? key, params);
  };
}
