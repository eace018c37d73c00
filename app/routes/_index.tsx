import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { loader as rootLoader } from "~/root";

export async function loader(_: LoaderFunctionArgs) {
  return null;
}

export default function Home() {
  const t = useT();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const features = [
    ["home.features.workshops.title", "home.features.workshops.text"],
    ["home.features.courses.title", "home.features.courses.text"],
    ["home.features.tours.title", "home.features.tours.text"],
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
          {features.map(([title, text]) => (
            <li key={title} className="card">
              <h3>{t(title)}</h3>
              <p className="mt-2 text-slate-700">{t(text)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="about" className="max-w-3xl">
        <h2 id="about">{t("home.about.heading")}</h2>
        <p className="mt-2 text-slate-700">{t("home.about.text")}</p>
      </section>
    </div>
  );
}
