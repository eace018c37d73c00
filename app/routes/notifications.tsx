import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PageHeading } from "~/components/layout";
import { toMessageKey } from "~/i18n";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseForm, parseParam } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { pageSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { listNotifications, markAllRead } from "~/notifications/notifications.server";
import { localizeParams } from "~/notifications/params";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = parseParam(pageSchema, new URL(request.url).searchParams.get("page") ?? 1);
  return { page, ...(await listNotifications(db, user.id, page)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The body is read (and ignored) before answering: an unread upload would make the server drop the connection.
  await parseForm(request, z.object({}));
  await markAllRead(db, user.id, nowIso());
  return redirect("/notifications");
}

export default function Notifications() {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const { items, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeading>{t("notifications.title")}</PageHeading>
      {items.some((n) => !n.read) ? (
        <Form method="post" className="mb-4">
          <button type="submit" className="btn-secondary">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {items.map((n) => (
            <li key={n.id} className={`card ${n.read ? "" : "border-l-4 border-l-accent"}`}>
              {!n.read ? <span className="badge badge-warn mr-2">{t("notifications.unread")}</span> : null}
              <span>
                {t(
                  toMessageKey(n.messageKey, "notifications.unknown"),
                  localizeParams(n.params, t, locale),
                )}
              </span>
              <div className="mt-1 flex gap-4 text-sm text-slate-600">
                <time dateTime={n.createdAt}>{f.dateTime(n.createdAt)}</time>
                {n.link ? <Link to={n.link}>{t("notifications.open")}</Link> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4">
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common.previous")}</Link> : null}
        {hasMore ? <Link to={`?page=${page + 1}`}>{t("common.next")}</Link> : null}
      </nav>
    </div>
  );
}
