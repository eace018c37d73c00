import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, FormScope, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { attendanceRefusals } from "~/lab/refusals";
import { dateSchema, sheetActionSchema } from "~/lab/schemas";
import { loadDaySheet, markAttendance, saveUseNote } from "~/lab/sheet.server";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { isoToVnLocal, nowIso, vnLocalToIso } from "~/lib/time";

function dayOf(request: Request): string {
  const parsed = dateSchema.safeParse(new URL(request.url).searchParams.get("date"));
  return parsed.success ? parsed.data : isoToVnLocal(nowIso()).date;
}

// Today's use of every resource on one sheet: check in, no-show, a note per use.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return loadDaySheet(db, { date: dayOf(request), locale: await resolveLocale(request, user) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const form = await parseForm(request, sheetActionSchema);
  if (!form.ok) return formFailure(form.submission);
  const now = nowIso();
  const v = form.value;
  const result =
    v.intent === "note"
      ? await saveUseNote(db, { bookingId: v.bookingId, note: v.note, now })
      : await markAttendance(db, { bookingId: v.bookingId, status: v.intent === "checkIn" ? "checked_in" : "no_show", now });
  if (!result.ok) return refusalReply(form.submission, result, attendanceRefusals);
  return redirect(`/staff/lab/sheet?date=${dayOf(request)}&notice=notice.lab.marked#booking-${v.bookingId}`);
}

const BADGE: Record<string, string> = { booked: "badge-warn", checked_in: "badge-ok", no_show: "badge-bad", cancelled: "badge-neutral" };

export default function LabSheet() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading>{t("lab.sheet.heading", { date: f.longDate(vnLocalToIso(d.date, "12:00")) })}</PageHeading>
      <nav aria-label={t("lab.staff.sheet")} className="mb-4 flex flex-wrap gap-4">
        <Link to={`?date=${d.prev}`} rel="prev">
          ← {t("lab.sheet.prev")}
        </Link>
        <Link to={`?date=${d.next}`} rel="next">
          {t("lab.sheet.next")} →
        </Link>
        <Link to="/staff/lab">{t("lab.staff.heading")}</Link>
      </nav>
      <FormErrors />
      {d.resources.map((r) => (
        <section key={r.id} aria-labelledby={`res-${r.id}`} className="card mb-4">
          <h2 id={`res-${r.id}`}>
            {r.name} {r.location ? <span className="text-sm font-normal">· {r.location}</span> : null}
          </h2>
          {r.bookings.length === 0 ? (
            <p>{t("lab.sheet.none")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {r.bookings.map((b) => (
                <li key={b.id} id={`booking-${b.id}`} className="space-y-2 py-3" data-testid={`sheet-${b.id}`}>
                  <p>
                    <strong>
                      {f.time(b.startsAt)}–{f.time(b.endsAt)}
                    </strong>{" "}
                    {b.person} <span className="text-sm text-slate-600">{b.login}</span>{" "}
                    <span className={`badge ${BADGE[b.status]}`}>{t(`lab.status.${b.status}`)}</span>
                  </p>
                  {b.status === "booked" ? (
                    <div className="flex flex-wrap gap-2">
                      <Form method="post">
                        <input type="hidden" name="intent" value="checkIn" />
                        <input type="hidden" name="bookingId" value={b.id} />
                        <button type="submit" className="btn">
                          {t("lab.sheet.checkIn")}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="noShow" />
                        <input type="hidden" name="bookingId" value={b.id} />
                        <button type="submit" className="btn-secondary">
                          {t("lab.sheet.noShow")}
                        </button>
                      </Form>
                    </div>
                  ) : null}
                  <FormScope match={{ intent: "note", bookingId: b.id }}>
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="note" />
                      <input type="hidden" name="bookingId" value={b.id} />
                      <TextField name="note" label={t("lab.sheet.note")} placeholder={t("lab.sheet.noteHint")} defaultValue={b.note} maxLength={2000} />
                      <button type="submit" className="btn-secondary">
                        {t("lab.sheet.saveNote")}
                      </button>
                    </Form>
                  </FormScope>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
