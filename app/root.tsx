import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getOptionalUser } from "~/lib/guards.server";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { Notice } from "~/components/forms";
import { useNonce } from "~/components/nonce";
import { createTranslator, DEFAULT_LOCALE, isMessageKey, type Locale } from "~/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { countUnread } from "~/notifications/notifications.server";
import { getCentre } from "~/centre/centre.server";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = createTranslator(data?.locale ?? DEFAULT_LOCALE);
  return [{ title: t("app.name") }, { name: "description", content: t("home.lead") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await resolveLocale(request, user);
  const [unread, centre] = await Promise.all([user ? countUnread(db, user.id) : 0, getCentre(db, locale)]);
  // A one-line notice after a redirect (?notice=key), shown only for known "notice." keys.
  const noticeKey = new URL(request.url).searchParams.get("notice");
  const notice = noticeKey && noticeKey.startsWith("notice.") && isMessageKey(noticeKey) ? noticeKey : null;
  return {
    locale,
    unread,
    notice,
    // The centre's contact details: the footer and "contact the centre" messages show them.
    centre,
    user: user ? { id: user.id, fullName: user.fullName, role: user.role } : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <SiteHeader user={data?.user ?? null} unread={data?.unread ?? 0} />
        <main id="main" tabIndex={-1} className="container-page flex-1 py-8">
          {children}
        </main>
        <SiteFooter centre={data?.centre ?? null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { notice } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const t = useT();
  return (
    <>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {/* Every page is a direct child of root: keyed by its path, a page whose params change (one program's
          editor to another's) mounts afresh, so uncontrolled fields show the new record, not the previous one. */}
      <Outlet key={pathname} />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.server.title");
  let text = t("error.server.text");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 404) [title, text] = [t("error.notFound.title"), t("error.notFound.text")];
    else if (status === 403) [title, text] = [t("error.forbidden.title"), t("error.forbidden.text")];
    else if (status === 400) [title, text] = [t("error.badRequest.title"), t("error.badRequest.text")];
    else if (status === 429) [title, text] = [t("error.tooMany.title"), t("error.tooMany.text")];
    else if (status === 413) [title, text] = [t("error.tooLarge.title"), t("error.tooLarge.text")];
  } else if (import.meta.env.DEV && error instanceof Error) {
    text = `${text} (${error.message})`;
  }
  return (
    <section aria-labelledby="error-title" className="card mx-auto max-w-xl">
      <p className="text-sm font-semibold text-slate-600">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p className="mt-2">{text}</p>
      <p className="mt-4">
        <Link to="/">{t("error.goHome")}</Link>
      </p>
    </section>
  );
}
