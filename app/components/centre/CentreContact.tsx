// How to reach the centre (phone, Zalo, e-mail, address with a map link, opening hours); nothing when unset.
import type { CentreView } from "~/centre/centre.server";
import { useT } from "~/i18n/react";

export function CentreContact({ centre, heading = true }: { centre: CentreView; heading?: boolean }) {
  const t = useT();
  if (!centre.reachable) return null;
  return (
    <div data-testid="centre-contact">
      {heading ? <h2 className="text-lg font-semibold">{t("centre.contact")}</h2> : null}
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {centre.phone ? (
          <>
            <dt className="font-semibold">{t("centre.phone")}</dt>
            <dd>
              <a className="underline" href={`tel:${centre.phone.replace(/[^0-9+]/g, "")}`}>{centre.phone}</a>
            </dd>
          </>
        ) : null}
        {centre.zalo ? (
          <>
            <dt className="font-semibold">{t("centre.zalo")}</dt>
            <dd>
              <a className="underline" href={`https://zalo.me/${centre.zalo.replace(/[^0-9]/g, "")}`} rel="noopener noreferrer">
                {centre.zalo}
              </a>
            </dd>
          </>
        ) : null}
        {centre.email ? (
          <>
            <dt className="font-semibold">{t("centre.email")}</dt>
            <dd className="break-all">
              <a className="underline" href={`mailto:${centre.email}`}>{centre.email}</a>
            </dd>
          </>
        ) : null}
        {centre.address ? (
          <>
            <dt className="font-semibold">{t("centre.address")}</dt>
            <dd>
              {centre.address}
              {centre.mapUrl ? (
                <>
                  {" · "}
                  <a className="underline" href={centre.mapUrl} rel="noopener noreferrer">
                    {t("confirmation.map")}
                  </a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {centre.hours ? (
          <>
            <dt className="font-semibold">{t("centre.hours")}</dt>
            <dd>{centre.hours}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
