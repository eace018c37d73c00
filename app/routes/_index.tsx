import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { SeatsText } from "~/components/workshops/SessionCard";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { getOptionalUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";
import type { loader as rootLoader } from "~/root";
import { listNextSessions } from "~/workshops/upcoming.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await resolveLocale(request, user);
  return { next: await listNextSessions(db, { now: nowIso(), locale, limit: 4 }) };
}

export default function Home() {
  const t = useT();
  const f = useFormat();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const { next } = useLoaderData<typeof loader>();
  // Each card leads to the catalogue filtered to its kind.
  const features = [
    ["home.features.workshops.title", "home.features.workshops.text", "/catalog?kind=workshop"],
    ["home.features.courses.title", "home.features.courses.text", "/catalog?kind=course"],
    ["home.features.tours.title", "home.features.tours.text", "/catalog?kind=tour"],
  ] as const;
  return (
    <div className="space-y-12">
      <section aria-labelledby="hero" className="rounded-xl bg-accent px-6 py-12 text-white sm:px-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-teal-100">{t("app.centre")}</p>
        <h1 id="hero" className="mt-2 text-3xl sm:text-4xl">
          {t("home.title")}
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-teal-50">{t("home.lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link to="/catalog" className="btn-secondary">
            {t("home.cta.catalog")}
          </Link>
          {root?.user ? null : (
            <Link to="/signup" className="inline-flex min-h-[44px] items-center rounded-md border border-white px-4 py-2 font-semibold text-white">
              {t("home.cta.signup")}
            </Link>
          )}
        </div>
      </section>
      <section aria-labelledby="features">
        <h2 id="features">{t("home.features.heading")}</h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-3">
          {features.map(([title, text, to]) => (
            <li key={title}>
              <Link to={to} className="card block h-full text-inherit no-underline hover:border-accent hover:no-underline">
                <h3 className="text-accent underline">{t(title)}</h3>
                <p className="mt-2 text-slate-700">{t(text)}</p>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {next.length ? (
        <section aria-labelledby="next-sessions">
          <h2 id="next-sessions">{t("home.next.heading")}</h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {next.map((s) => (
              <li key={s.id} className="card space-y-1">
                <Link to={`/workshops/${s.slug}#session-${s.id}`} className="font-semibold">
                  {s.title}
                </Link>
                <p className="text-sm">
                  {f.longDate(s.startsAt)}, {f.time(s.startsAt)}–{f.time(s.endsAt)} · {s.room}
                </p>
                <p>
                  <SeatsText seatsLeft={s.seatsLeft} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="about" className="max-w-3xl">
        <h2 id="about">{t("home.about.heading")}</h2>
        <p className="mt-2 text-slate-700">{t("home.about.text")}</p>
      </section>
    </div>
  );
}
