// The data of a login-card page: cards plus labels translated into the cards' language (Vietnamese by default).
import { createTranslator, type Locale } from "~/i18n";
import type { LoginCard } from "./accounts.server";

export function buildCardsData(cards: LoginCard[], opts: { site: string; className: string; locale: Locale }) {
  const t = createTranslator(opts.locale);
  return {
    cards,
    site: opts.site,
    className: opts.className,
    lang: opts.locale,
    labels: {
      heading: t("classes.card.heading"),
      className: t("classes.card.class"),
      name: t("classes.card.name"),
      site: t("classes.card.site"),
      username: t("classes.card.username"),
      password: t("classes.card.password"),
      hint: t("classes.card.hint"),
    },
  };
}

/** Passwords are in this one response only: no cache may keep it. */
export const NO_STORE = { "Cache-Control": "no-store, private" };
