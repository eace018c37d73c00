// Printable login cards: name, username, password, site address. Labels come already translated from the
// server (cards are Vietnamese by default, whatever the teacher's own language).
import { useT } from "~/i18n/react";

export interface CardLabels {
  heading: string;
  className: string;
  name: string;
  site: string;
  username: string;
  password: string;
  hint: string;
  checkinCode: string;
  qrAlt: string;
}

export interface CardsData {
  cards: { fullName: string; username: string; password: string; checkinCode: string | null; qr: string | null }[];
  site: string;
  className: string;
  labels: CardLabels;
  lang: "vi" | "en";
}

export function LoginCards({ data }: { data: CardsData }) {
  const t = useT();
  return (
    <section aria-labelledby="cards-heading">
      <div className="no-print mb-4 flex flex-wrap items-center gap-3">
        <h2 id="cards-heading">{t("classes.cards.title")}</h2>
        <button type="button" className="btn" onClick={() => window.print()}>
          {t("classes.cards.print")}
        </button>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 print:grid-cols-2" lang={data.lang} data-testid="login-cards">
        {data.cards.map((c) => (
          <li key={c.username} className="card break-inside-avoid border-2 border-dashed border-slate-400" data-testid="login-card">
            <p className="text-sm font-semibold text-accent">{data.labels.heading}</p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-sm">{data.labels.name}</dt>
              <dd className="font-semibold">{c.fullName}</dd>
              <dt className="text-sm">{data.labels.className}</dt>
              <dd>{data.className}</dd>
              <dt className="text-sm">{data.labels.site}</dt>
              <dd className="break-all">{data.site}</dd>
              <dt className="text-sm">{data.labels.username}</dt>
              <dd className="font-mono text-lg" data-testid="card-username">
                {c.username}
              </dd>
              <dt className="text-sm">{data.labels.password}</dt>
              <dd className="font-mono text-lg" data-testid="card-password">
                {c.password}
              </dd>
            </dl>
            {c.qr && c.checkinCode ? (
              <div className="mt-2 flex items-center gap-3" data-testid="card-checkin">
                <img src={c.qr} alt={data.labels.qrAlt} width={96} height={96} />
                <p className="text-sm">
                  {data.labels.checkinCode}
                  <br />
                  <span className="font-mono">{c.checkinCode}</span>
                </p>
              </div>
            ) : null}
            <p className="mt-2 text-xs text-slate-600">{data.labels.hint}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
