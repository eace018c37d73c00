// The data of a login-card page: cards plus labels translated into the cards' language (Vietnamese by default).
// Each card also carries the student's check-in QR (an opaque card code, app/guardians/cards.server.ts).
import { qrDataUrl } from "~/certificates/qr.server";
import { cardCodesFor, cardQrText, formatCardCode } from "~/guardians/cards.server";
import { createTranslator, type Locale } from "~/i18n";
import type { DB } from "~/lib/db.server";
import type { LoginCard } from "./accounts.server";

export async function buildCardsData(
  db: DB,
  cards: LoginCard[],
  opts: { site: string; className: string; locale: Locale; actorId: number; now: string },
) {
  const t = createTranslator(opts.locale);
  const codes = await cardCodesFor(db, { studentIds: cards.map((c) => c.studentId), actorId: opts.actorId, now: opts.now });
  return {
    cards: await Promise.all(
      cards.map(async ({ studentId, ...c }) => {
        const code = codes.get(studentId);
        return { ...c, checkinCode: code ? formatCardCode(code) : null, qr: code ? await qrDataUrl(cardQrText(code)) : null };
      }),
    ),
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
      checkinCode: t("classes.studentCards.code"),
      qrAlt: t("classes.studentCards.qrAltCard"),
    },
  };
}

/** Passwords are in this one response only: no cache may keep it. */
export const NO_STORE = { "Cache-Control": "no-store, private" };
