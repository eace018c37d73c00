// /guardian/consent: what the centre stores about a child, why, for how long and who sees it — the page a guardian
// reads before giving consent (public, so a family can read it before having an account).
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "guardians.consentPage.title");

const SECTIONS: [MessageKey, MessageKey][] = [
  ["guardians.consentPage.what", "guardians.consentPage.whatText"],
  ["guardians.consentPage.why", "guardians.consentPage.whyText"],
  ["guardians.consentPage.howLong", "guardians.consentPage.howLongText"],
  ["guardians.consentPage.who", "guardians.consentPage.whoText"],
  ["guardians.consentPage.without", "guardians.consentPage.withoutText"],
  ["guardians.consentPage.withdraw", "guardians.consentPage.withdrawText"],
];

export default function ConsentPage() {
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeading lead={t("guardians.consentPage.lead")}>{t("guardians.consentPage.title")}</PageHeading>
      {SECTIONS.map(([heading, text]) => (
        <section key={heading} className="mb-5">
          <h2 className="mb-1">{t(heading)}</h2>
          <p>{t(text)}</p>
        </section>
      ))}
      <p>
        <Link to="/guardian">{t("guardians.consentPage.back")}</Link>
      </p>
    </div>
  );
}
