import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, FormScope, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { bookSlots } from "~/lab/bookings.server";
import { bookRefusals, roomRequestRefusals } from "~/lab/refusals";
import { requestRoom } from "~/lab/requests.server";
import { getResourceBySlug } from "~/lab/resources.server";
import { mondayOf } from "~/lab/rules";
import { resourcePageSchema, weekParamSchema } from "~/lab/schemas";
import { loadResourceWeek } from "~/lab/week.server";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { getOptionalUser, requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { slugParamSchema } from "~/lib/schemas";
import { isoToVnLocal, nowIso, vnLocalToIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const resource = ensureFound(await getResourceBySlug(db, parseParamOr404(slugParamSchema, params.slug)));
  const now = nowIso();
  const week = weekParamSchema.parse(new URL(request.url).searchParams.get("week"));
  const monday = mondayOf(week ?? isoToVnLocal(now).date);
  const locale = await resolveLocale(request, user);
  const view = await loadResourceWeek(db, { resource, monday, user, now, locale });
  return { ...view, role: user?.role ?? null, thisWeek: mondayOf(isoToVnLocal(now).date) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.resource.name} · STEM Hub` : "STEM Hub" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const resource = ensureFound(await getResourceBySlug(db, parseParamOr404(slugParamSchema, params.slug)));
  const form = await parseForm(request, resourcePageSchema);
  if (!form.ok) return formFailure(form.submission);
  const now = nowIso();
  if (form.value.intent === "book") {
    const v = form.value;
    const startsAt = v.startsAt ?? vnLocalToIso(v.date as string, v.time as string);
    const result = await bookSlots(db, { user, resourceId: resource.id, startsAt, slots: v.slots, now, locale: user.locale });
    if (!result.ok) return refusalReply(form.submission, result, bookRefusals);
    return redirect(`/lab/bookings?notice=notice.lab.booked#booking-${result.value.bookingId}`);
  }
  const result = await requestRoom(db, { user, resourceId: resource.id, form: form.value, now });
  if (!result.ok) return refusalReply(form.submission, result, roomRequestRefusals);
  return redirect("/lab/bookings?notice=notice.lab.requested");
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const STATE_BADGE: Record<string, string> = { full: "badge-bad", mine: "badge-ok", past: "badge-neutral", outOfService: "badge-warn" };

function WeekGrid({ data }: { data: Data }) {
  const t = useT();
  const f = useFormat();
  const bookable = data.eligibility === "ok";
  return (
    <section aria-labelledby="week-heading" className="card">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="week-heading">{t("lab.week.range", { date: f.date(vnLocalToIso(data.week.monday, "12:00")) })}</h2>
        <nav aria-label={t("lab.week.heading")} className="flex flex-wrap gap-4">
          <Link to={`?week=${data.week.prev}#week-heading`} rel="prev">
            ← {t("lab.week.prev")}
          </Link>
          <Link to={`?week=${data.thisWeek}#week-heading`}>{t("lab.week.this")}</Link>
          <Link to={`?week=${data.week.next}#week-heading`} rel="next">
            {t("lab.week.next")} →
          </Link>
        </nav>
        <Form method="get" className="flex items-end gap-2">
          <TextField name="week" type="date" label={t("lab.week.jump")} defaultValue={data.week.monday} />
          <button type="submit" className="btn-secondary mb-1">
            {t("lab.week.go")}
          </button>
        </Form>
      </div>
      <ol className="grid grid-cols-1 gap-3 md:grid-cols-7 md:gap-2">
        {data.week.days.map((d) => (
          <li key={d.date} className="rounded border border-slate-200 p-2" data-testid={`day-${d.date}`}>
            <h3 className="text-sm font-semibold">{f.longDate(vnLocalToIso(d.date, "12:00"))}</h3>
            {d.closed ? (
              <p className="text-sm">
                <span className="badge badge-neutral">{t("lab.week.closed")}</span> {d.closedReason}
              </p>
            ) : d.slots.length === 0 ? (
              <p className="text-sm text-slate-600">{t("lab.week.noHours")}</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {d.slots.map((s) => (
                  <li key={s.startsAt} className="text-sm">
                    {s.state === "free" && bookable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="book" />
                        <input type="hidden" name="startsAt" value={s.startsAt} />
                        <button type="submit" className="btn-secondary w-full" aria-label={t("lab.slot.bookLabel", { time: s.time, date: f.date(s.startsAt) })}>
                          {s.time}
                          {data.resource.capacity > 1 ? ` · ${t("lab.slot.left", { count: s.left })}` : ""}
                        </button>
                      </Form>
                    ) : (
                      <span>
                        {s.time}{" "}
                        <span className={`badge ${STATE_BADGE[s.state] ?? "badge-ok"}`}>
                          {s.state === "free"
                            ? data.resource.capacity > 1
                              ? t("lab.slot.left", { count: s.left })
                              : t("lab.slot.free")
                            : t(`lab.slot.${s.state}`)}
                        </span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function ResourcePage() {
  const t = useT();
  const f = useFormat();
  const data = useLoaderData<typeof loader>();
  const r = data.resource;
  const times = [...new Set(data.week.days.flatMap((d) => d.slots.map((s) => s.time)))].sort();
  const mayRequestRoom = r.kind === "room" && data.role !== null && ["teacher", "coordinator", "staff", "admin"].includes(data.role);
  return (
    <div>
      <PageHeading lead={r.description}>{r.name}</PageHeading>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className={`space-y-4 lg:col-span-2 ${r.photoUrl || data.eligibility !== "ok" || data.outages.length ? "" : "hidden lg:block"}`}>
          {r.photoUrl || data.eligibility !== "ok" || data.outages.length ? null : <p className="text-slate-700">{t("lab.pickSlot")}</p>}
          {r.photoUrl ? <img src={r.photoUrl} alt={t("lab.photoAlt", { name: r.name })} className="max-h-72 rounded object-cover" /> : null}
          <FormScope match={{ intent: "book" }}>
            <FormErrors />
          </FormScope>
          {data.eligibility !== "ok" ? (
            <div className="alert alert-info" data-testid="eligibility">
              {data.eligibility === "anonymous" ? (
                <p>
                  <Link to={`/login?redirectTo=${encodeURIComponent(`/lab/${r.slug}`)}`}>{t("lab.eligibility.anonymous")}</Link>
                </p>
              ) : data.eligibility === "credentialMissing" ? (
                <ul>
                  {data.trainings
                    .filter((p) => !p.held)
                    .map((p) => (
                      <li key={p.programId}>
                        {t("lab.eligibility.credentialMissing")} <strong>{p.title}</strong> — <Link to={p.path}>{t("lab.trainings.enrol")}</Link>
                      </li>
                    ))}
                </ul>
              ) : (
                <p>{t(`lab.eligibility.${data.eligibility}`)}</p>
              )}
            </div>
          ) : null}
          {data.outages.map((o) => (
            <p key={o.startsAt} className="alert alert-error">
              {t("lab.outage", { from: f.dateTime(o.startsAt), to: f.dateTime(o.endsAt), reason: o.reason })}
            </p>
          ))}
        </div>
        <aside className="card space-y-2" aria-labelledby="rules-heading">
          <h2 id="rules-heading">{t("lab.rules.heading")}</h2>
          {r.location ? (
            <p>
              <strong>{t("lab.location")}:</strong> {r.location}
            </p>
          ) : null}
          {r.kind === "room" ? <p>{t("lab.seats", { count: r.capacity })}</p> : null}
          <p>{t("lab.rules.slot", { minutes: r.slotMinutes, count: r.maxSlots })}</p>
          {r.maxHoursPerWeek ? <p>{t("lab.rules.quota", { count: r.maxHoursPerWeek })}</p> : null}
          {data.eligibility === "ok" && r.maxHoursPerWeek ? <p>{t("lab.rules.used", { count: data.usedHours })}</p> : null}
          {r.minGrade ? <p>{t("lab.minGrade", { grade: r.minGrade })}</p> : null}
          {r.minAge ? <p>{t("lab.minAge", { age: r.minAge })}</p> : null}
          <h3>{t("lab.trainings.heading")}</h3>
          {data.trainings.length === 0 ? (
            <p>{t("lab.noTraining")}</p>
          ) : (
            <ul className="space-y-1">
              {data.trainings.map((p) => (
                <li key={p.programId}>
                  <Link to={p.path}>{p.title}</Link>{" "}
                  {data.role ? <span className={`badge ${p.held ? "badge-ok" : "badge-warn"}`}>{t(p.held ? "lab.trainings.held" : "lab.trainings.missing")}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
      <div className="mt-6">
        <WeekGrid data={data} />
      </div>
      {data.eligibility === "ok" && times.length ? (
        <section aria-labelledby="multi-heading" className="card mt-6 max-w-2xl">
          <h2 id="multi-heading">{t("lab.form.heading")}</h2>
          <FormScope match={{ intent: "book" }}>
            <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-3">
              <input type="hidden" name="intent" value="book" />
              <TextField name="date" type="date" label={t("lab.form.date")} required defaultValue={data.week.monday} />
              <SelectField name="time" label={t("lab.form.time")} options={times.map((x) => ({ value: x, label: x }))} />
              <SelectField
                name="slots"
                label={t("lab.form.slots")}
                options={Array.from({ length: r.maxSlots }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              />
              <div className="sm:col-span-3">
                <button type="submit" className="btn">
                  {t("lab.form.submit")}
                </button>
              </div>
            </Form>
          </FormScope>
        </section>
      ) : null}
      {r.kind === "room" ? (
        <section aria-labelledby="request-heading" className="card mt-6 max-w-2xl">
          <h2 id="request-heading">{t("lab.request.heading")}</h2>
          <p className="mt-1 text-sm">{t("lab.request.lead")}</p>
          {mayRequestRoom ? (
            <FormScope match={{ intent: "request" }}>
              <FormErrors />
              <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-3">
                <input type="hidden" name="intent" value="request" />
                <div className="sm:col-span-3">
                  <TextField name="organisation" label={t("lab.request.organisation")} required maxLength={200} />
                </div>
                <TextField name="date" type="date" label={t("lab.request.date")} required />
                <TextField name="from" type="time" label={t("lab.request.from")} required step={60} />
                <TextField name="to" type="time" label={t("lab.request.to")} required step={60} />
                <div className="sm:col-span-3">
                  <TextAreaField name="purpose" label={t("lab.request.purpose")} required maxLength={1000} rows={3} />
                </div>
                <TextField name="attendance" type="number" min={1} max={r.capacity} label={t("lab.request.attendance")} required />
                <div className="sm:col-span-3">
                  <button type="submit" className="btn">
                    {t("lab.request.submit")}
                  </button>
                </div>
              </Form>
            </FormScope>
          ) : (
            <p className="mt-2">
              {data.role === null ? <Link to={`/login?redirectTo=${encodeURIComponent(`/lab/${r.slug}`)}`}>{t("lab.request.loginAs")}</Link> : t("lab.request.loginAs")}
            </p>
          )}
        </section>
      ) : null}
      <p className="mt-6">
        <Link to="/lab">← {t("lab.title")}</Link>
      </p>
    </div>
  );
}
