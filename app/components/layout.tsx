import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "#db/schema";
import { useLocale, useT } from "~/i18n/react";
import type { CentreView } from "~/centre/centre.server";
import { CentreContact } from "./centre/CentreContact";
import { navLinksFor } from "./nav";

export interface LayoutUser {
  id: number;
  fullName: string;
  role: Role;
}

export function SiteHeader({ user, unread }: { user: LayoutUser | null; unread: number }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const here = location.pathname + location.search;
  // Signing up from a page brings the new user back to it; from home or the auth pages, to the dashboard.
  const comeBack = !["/", "/login", "/signup"].includes(location.pathname);
  return (
    <header role="banner" className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only-focusable absolute left-2 top-2 z-50 rounded bg-white p-2">
        {t("app.skip")}
      </a>
      <div className="container-page flex flex-wrap items-center gap-x-6 gap-y-2 py-3">
        <Link to="/" className="site-name text-xl font-semibold text-accent no-underline">
          {t("app.name")}
        </Link>
        {/* On a phone everything but the name folds into one menu button (a <details>: no JavaScript needed); from
            the sm breakpoint the button is hidden and the menu's content always shows (app.css, "Site menu"). */}
        <details className="site-menu" key={location.pathname}>
          <summary className="site-menu-button">
            <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
            <span>{t("nav.menu")}</span>
            {user && unread > 0 ? (
              <span aria-hidden="true" className="badge badge-bad">
                {unread}
              </span>
            ) : null}
          </summary>
          <div className="site-menu-content">
          <nav aria-label={t("nav.main")}>
            <ul className="site-menu-links flex flex-wrap gap-x-4 gap-y-1">
              {navLinksFor(user?.role ?? null).map((l) => (
                <li key={l.to}>
                  <NavLink
                    to={l.to}
                    className={({ isActive }) => (isActive ? "font-semibold underline" : "text-slate-800")}
                  >
                    {t(l.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="site-menu-controls ml-auto flex flex-wrap items-center gap-3">
            <Form method="post" action="/language">
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" className="btn-link" name="locale" value={locale === "vi" ? "en" : "vi"} lang={locale === "vi" ? "en" : "vi"} aria-label={t("nav.switchToLabel")}>
                {t("nav.switchTo")}
              </button>
            </Form>
            {user ? (
              <>
                <Link to="/notifications" aria-label={unread ? t("nav.notificationsUnread", { count: unread }) : t("nav.notifications")} className="relative text-slate-800">
                  <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="inline-block align-middle">
                    <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                    <path d="M13.7 21a2 2 0 0 1-3.4 0" />
                  </svg>
                  {unread > 0 ? (
                    <span aria-hidden="true" className="badge badge-bad ml-1" data-testid="unread-count">
                      {unread}
                    </span>
                  ) : null}
                </Link>
                <Link to="/account" className="text-slate-800">
                  {user.fullName}
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="btn-secondary">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.login")}</Link>
                <Link to={comeBack ? `/signup?redirectTo=${encodeURIComponent(here)}` : "/signup"} className="btn">
                  {t("nav.signup")}
                </Link>
              </>
            )}
          </div>
          </div>
        </details>
      </div>
    </header>
  );
}

export function SiteFooter({ centre }: { centre: CentreView | null }) {
  const t = useT();
  return (
    <footer role="contentinfo" className="mt-16 border-t border-slate-200 bg-white py-8 text-sm text-slate-700">
      <div className="container-page space-y-1">
        <p className="font-semibold">{centre?.name || t("app.centre")}</p>
        {centre?.reachable ? <CentreContact centre={centre} heading={false} /> : <p>{t("footer.address")}</p>}
        <p>{t("footer.about")}</p>
      </div>
    </footer>
  );
}

export function PageHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1>{children}</h1>
      {lead ? <p className="mt-2 text-slate-700">{lead}</p> : null}
    </div>
  );
}

/** Links to previous/next pages that keep the rest of the query string. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const location = useLocation();
  if (pages <= 1) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav aria-label={t("common.pagination")} className="mt-6 flex items-center gap-4">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      ) : null}
      <span>{t("common.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** Progress as a bar with the number beside it (never colour alone). */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="flex items-center gap-3">
      <div className="progress" role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="w-12 text-right text-sm font-semibold tabular-nums">{pct}%</span>
    </div>
  );
}
