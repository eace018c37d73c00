import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, FormScope, TextField } from "~/components/forms";
import { ResourceForm } from "~/components/lab/ResourceForm";
import { PageHeading } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { acceptPhoto } from "~/lab/photos.server";
import { closedDateRefusals, photoRefusals, saveResourceRefusals } from "~/lab/refusals";
import { addDays } from "~/lab/rules";
import { idSchema, resourceEditorSchema } from "~/lab/schemas";
import { addClosedDate, addOutage, credentialPrograms, loadResourceEditor, removeClosedDate, saveResource } from "~/lab/staff.server";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, parseParamOr404, readFormData, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso, vnLocalToIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const id = parseParamOr404(idSchema, params.id);
  const locale = await resolveLocale(request, user);
  const now = nowIso();
  const editor = ensureFound(await loadResourceEditor(db, id, locale, now));
  return { editor, programs: await credentialPrograms(db, locale) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const id = parseParamOr404(idSchema, params.id);
  ensureFound(await db.selectFrom("lab_resources").select("id").where("id", "=", id).executeTakeFirst());
  const formData = await readFormData(request);
  const file = formData.get("photo");
  formData.delete("photo");
  const form = parseFormData(formData, resourceEditorSchema);
  if (!form.ok) return formFailure(form.submission);
  const now = nowIso();
  const v = form.value;
  switch (v.intent) {
    case "save": {
      const photo = await acceptPhoto(file);
      if (!photo.ok) return refusalReply(form.submission, photo, photoRefusals);
      const result = await saveResource(db, { resourceId: id, form: { ...v, photoPath: photo.value }, now });
      if (!result.ok) return refusalReply(form.submission, result, saveResourceRefusals);
      return redirect(`/staff/lab/resources/${id}?notice=notice.lab.saved`);
    }
    case "addClosed": {
      const result = await addClosedDate(db, {
        resourceId: id,
        date: v.date,
        reason: v.reason,
        fromIso: vnLocalToIso(v.date, "00:00"),
        toIso: vnLocalToIso(addDays(v.date, 1), "00:00"),
        now,
      });
      if (!result.ok) return refusalReply(form.submission, result, closedDateRefusals);
      return redirect(`/staff/lab/resources/${id}?notice=notice.lab.closedAdded`);
    }
    case "removeClosed": {
      const result = await removeClosedDate(db, { resourceId: id, closedId: v.closedId });
      if (!result.ok) return refusalReply(form.submission, result, closedDateRefusals);
      return redirect(`/staff/lab/resources/${id}?notice=notice.lab.closedRemoved`);
    }
    case "addOutage": {
      const out = await addOutage(db, {
        resourceId: id,
        startsAt: vnLocalToIso(v.fromDate, v.fromTime),
        endsAt: vnLocalToIso(v.toDate, v.toTime),
        reason: v.reason,
        staffId: user.id,
        now,
        actor: { userId: user.id, ip: context.clientIp },
      });
      return data({ outageCancelled: out.cancelled });
    }
  }
}

export default function EditResource() {
  const t = useT();
  const f = useFormat();
  const { editor, programs } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>() as { outageCancelled?: number } | undefined;
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <PageHeading>{editor.name}</PageHeading>
      <p>
        <Link to="/staff/lab">← {t("lab.staff.heading")}</Link> · <Link to={`/lab/${editor.form.slug}`}>{t("lab.week.heading")}</Link>
      </p>
      {editor.photoUrl ? <img src={editor.photoUrl} alt={t("lab.photoAlt", { name: editor.name })} className="max-h-48 rounded" /> : null}
      <ResourceForm values={editor.form} programs={programs} />

      <section aria-labelledby="closed-heading" className="card">
        <h2 id="closed-heading">{t("lab.staff.closed.heading")}</h2>
        {editor.closedDates.length === 0 ? <p>{t("lab.staff.closed.none")}</p> : null}
        <ul className="my-2 space-y-1">
          {editor.closedDates.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2">
              {f.longDate(vnLocalToIso(c.date, "12:00"))} {c.reason} {c.wholeLab ? t("lab.staff.closed.wholeLab") : null}
              {!c.wholeLab ? (
                <Form method="post" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="removeClosed" />
                  <input type="hidden" name="closedId" value={c.id} />
                  <button type="submit" className="btn-link">
                    {t("lab.staff.closed.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <FormScope match={{ intent: "addClosed" }}>
          <FormErrors />
          <Form method="post" encType="multipart/form-data" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="addClosed" />
            <TextField name="date" type="date" label={t("lab.staff.closed.date")} required />
            <TextField name="reason" label={t("lab.staff.closed.reason")} maxLength={200} />
            <div className="self-end">
              <button type="submit" className="btn-secondary">
                {t("lab.staff.closed.add")}
              </button>
            </div>
          </Form>
        </FormScope>
      </section>

      <section aria-labelledby="outage-heading" className="card">
        <h2 id="outage-heading">{t("lab.staff.outage.heading")}</h2>
        <p className="text-sm">{t("lab.staff.outage.lead")}</p>
        {done?.outageCancelled !== undefined ? (
          <p role="status" className="alert alert-success">
            {t("notice.lab.outageAdded")} {t("lab.staff.outage.cancelled", { count: done.outageCancelled })}
          </p>
        ) : null}
        {editor.outages.length === 0 ? <p>{t("lab.staff.outage.none")}</p> : null}
        <ul className="my-2 space-y-1">
          {editor.outages.map((o) => (
            <li key={o.id}>{t("lab.outage", { from: f.dateTime(o.startsAt), to: f.dateTime(o.endsAt), reason: o.reason })}</li>
          ))}
        </ul>
        <FormScope match={{ intent: "addOutage" }}>
          <FormErrors />
          <Form method="post" encType="multipart/form-data" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="addOutage" />
            <TextField name="fromDate" type="date" label={t("lab.staff.outage.fromDate")} required />
            <TextField name="fromTime" type="time" label={t("lab.staff.outage.fromTime")} required />
            <TextField name="toDate" type="date" label={t("lab.staff.outage.toDate")} required />
            <TextField name="toTime" type="time" label={t("lab.staff.outage.toTime")} required />
            <div className="sm:col-span-2">
              <TextField name="reason" label={t("lab.staff.outage.reason")} required maxLength={500} />
            </div>
            <div>
              <button type="submit" className="btn-danger">
                {t("lab.staff.outage.add")}
              </button>
            </div>
          </Form>
        </FormScope>
      </section>
    </div>
  );
}
