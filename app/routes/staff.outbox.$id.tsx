import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { env, siteOrigin } from "~/lib/env.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { loadOutboxMessage, retryMessage } from "~/mail/outbox.server";
import { retryRefusals } from "~/mail/refusals";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = parseParamOr404(idSchema, params.id);
  // Without a mail server the outbox is how messages reach people (the demo): links with tokens are shown.
  return { message: ensureFound(await loadOutboxMessage(db, id, { origin: siteOrigin(request), revealSecrets: !env.smtpUrl })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const id = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, z.object({ intent: z.literal("retry") }));
  if (!form.ok) return formFailure(form.submission);
  const result = await retryMessage(db, { id, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, retryRefusals);
  return redirect(`/staff/outbox/${id}?notice=notice.mail.retried`);
}

export default function OutboxMessage() {
  const t = useT();
  const f = useFormat();
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/outbox">{t("outbox.back")}</Link>
      </p>
      <PageHeading lead={message.previews[0].subject}>{t("outbox.message.title", { id: message.id })}</PageHeading>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">{t("outbox.col.to")}</dt>
        <dd className="break-all">{message.toAddress}</dd>
        <dt className="font-semibold">{t("outbox.col.status")}</dt>
        <dd>{t(`outbox.status.${message.status}`)}</dd>
        <dt className="font-semibold">{t("outbox.col.attempts")}</dt>
        <dd>{message.attempts}</dd>
        <dt className="font-semibold">{t("outbox.col.created")}</dt>
        <dd>
          <time dateTime={message.createdAt}>{f.dateTime(message.createdAt)}</time>
        </dd>
        {message.attachments.length ? (
          <>
            <dt className="font-semibold">{t("outbox.message.attachments")}</dt>
            <dd>
              <ul>
                {message.attachments.map((a) => (
                  <li key={a.filename}>
                    {a.filename} <span className="text-slate-600">({a.contentType.split(";")[0]})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {message.smtpResponse ? (
          <>
            <dt className="font-semibold">{t("outbox.message.reply")}</dt>
            <dd>{message.smtpResponse}</dd>
          </>
        ) : null}
      </dl>
      <FormErrors />
      {message.status === "failed" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <button type="submit" className="btn-secondary">
            {t("outbox.retry")}
          </button>
        </Form>
      ) : null}
      {message.previews.map((p, i) => (
        <section key={p.locale} aria-labelledby={`preview-${p.locale}`} className="card" lang={p.locale}>
          <h2 id={`preview-${p.locale}`} className="mb-2">
            {t("outbox.message.preview", { language: t(`locale.${p.locale}`) })}
            {i === 0 ? ` · ${t("outbox.message.recipientLanguage")}` : ""}
          </h2>
          <p className="font-semibold">{p.subject}</p>
          <iframe title={p.subject} sandbox="" srcDoc={p.html} className="my-3 h-96 w-full rounded border border-slate-200 bg-white" />
          <h3 className="text-sm font-semibold">{t("outbox.message.text")}</h3>
          <pre className="whitespace-pre-wrap break-all text-sm" data-testid={`text-${p.locale}`}>
            {p.text}
          </pre>
        </section>
      ))}
    </div>
  );
}
