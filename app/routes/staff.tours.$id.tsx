import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { FormScope, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { RecurringSlotsForm, SingleSlotForm } from "~/components/tours/SlotForms";
import { TourForm } from "~/components/tours/TourForm";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, parseParamOr404, readFormData } from "~/lib/forms.server";
import { addMinutes, isoToVnLocal, nowIso, vnLocalToIso } from "~/lib/time";
import { formatRatioRules } from "~/tours/rules";
import { idSchema, slotFormSchema, tourSchema } from "~/tours/schemas";
import { saveTour } from "~/tours/staff.server";
import { cancelSlot, createSlots, setSlotCapacity, getRatioRules, getTourById, listSlots, previewRecurring } from "~/tours/tours.server";

async function findTour(id: string | undefined) {
  const tour = await getTourById(db, parseParamOr404(idSchema, id));
  if (!tour) throw new Response("Not Found", { status: 404 });
  return tour;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const tour = await findTour(params.id);
  const now = nowIso();
  const [rules, slots] = await Promise.all([
    getRatioRules(db, tour.id),
    listSlots(db, tour.id, { from: vnLocalToIso(isoToVnLocal(now).date, "00:00"), to: addMinutes(now, 60 * 24 * 200) }, { limit: 300 }),
  ]);
  return { tour, ratioRules: formatRatioRules(rules), slots, today: isoToVnLocal(now).date };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const tour = await findTour(params.id);
  const formData = await readFormData(request);
  if (formData.get("intent") === "save") {
    const form = parseFormData(formData, tourSchema);
    if (!form.ok) return formFailure(form.submission);
    const r = await saveTour(db, tour.id, form.value);
    if (!r.ok) return formFailure(form.submission, { fieldErrors: { [r.field]: [r.error] } });
    return redirect(`/staff/tours/${tour.id}?notice=notice.tours.saved`);
  }
  const form = parseFormData(formData, slotFormSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const now = nowIso();
  if (v.intent === "cancelSlot") {
    if (!(await cancelSlot(db, tour.id, v.slotId))) return formFailure(form.submission, { formErrors: ["tours.errors.slotBusy"], status: 409 });
    return redirect(`/staff/tours/${tour.id}?notice=notice.tours.slotCancelled`);
  }
  if (v.intent === "slotCapacity") {
    const r = await setSlotCapacity(db, { programId: tour.id, slotId: v.slotId, capacity: v.capacity });
    if (!r.ok && r.reason === "notFound") throw new Response("Not Found", { status: 404 });
    if (!r.ok) return data({ submission: form.submission.reply({ fieldErrors: { capacity: ["tours.errors.capacityBelowHeld"] } }), params: { capacity: { held: r.held ?? 0 } } }, { status: 400 });
    return redirect(`/staff/tours/${tour.id}?notice=notice.tours.capacitySaved`);
  }
  if (v.intent === "slot") {
    const startsAt = vnLocalToIso(v.date, v.time);
    if (startsAt <= now) return formFailure(form.submission, { fieldErrors: { date: ["tours.errors.datePast"] } });
    const created = await createSlots(db, tour.id, [{ startsAt, endsAt: addMinutes(startsAt, tour.duration_minutes) }], v.capacity);
    if (created === 0) return formFailure(form.submission, { fieldErrors: { time: ["tours.errors.slotExists"] }, status: 409 });
    return redirect(`/staff/tours/${tour.id}?notice=notice.tours.slotAdded`);
  }
  if (v.startDate < isoToVnLocal(now).date) return formFailure(form.submission, { fieldErrors: { startDate: ["tours.errors.datePast"] } });
  const slots = previewRecurring({ ...v, durationMinutes: tour.duration_minutes }, now);
  if (v.intent === "preview") return data({ submission: form.submission.reply(), preview: slots.length });
  await createSlots(db, tour.id, slots, v.capacity);
  return redirect(`/staff/tours/${tour.id}?notice=notice.tours.slotsGenerated`);
}

export default function StaffTour() {
  const t = useT();
  const f = useFormat();
  const { tour, ratioRules, slots, today } = useLoaderData<typeof loader>();
  const capacityParams = (useActionData() as { params?: { capacity?: { held: number } } } | undefined)?.params?.capacity;
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <PageHeading>{tour.title_vi}</PageHeading>
      <p className="flex gap-4">
        <Link to="/staff/tours">← {t("tours.staff.title")}</Link>
        <Link to={`/tours/${tour.slug}`}>{t("tours.staff.view")}</Link>
      </p>
      <section aria-labelledby="slots" className="space-y-4">
        <h2 id="slots">{t("tours.staff.slots")}</h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <SingleSlotForm today={today} />
          <RecurringSlotsForm today={today} />
        </div>
        <p>{t("tours.staff.slotsLead")}</p>
        {slots.length === 0 ? (
          <p>{t("tours.staff.noSlots")}</p>
        ) : (
          <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label={t("tours.staff.slotsTable")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("tours.staff.slot.when")}</th>
                  <th scope="col">{t("tours.staff.slot.capacity")}</th>
                  <th scope="col">{t("tours.staff.slot.held")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {slots.map((s) => (
                  <tr key={s.id}>
                    <td>{f.longDate(s.starts_at)} {f.time(s.starts_at)}</td>
                    <td className="tabular-nums">
                      {s.status === "open" ? (
                        <FormScope match={{ intent: "slotCapacity", slotId: s.id }}>
                          <Form method="post" className="flex flex-wrap items-end gap-2">
                            <input type="hidden" name="intent" value="slotCapacity" />
                            <input type="hidden" name="slotId" value={s.id} />
                            <TextField
                              name="capacity"
                              type="number"
                              min={Math.max(1, s.held_students)}
                              max={1000}
                              className="!w-24"
                              hideLabel
                              label={t("tours.staff.slot.capacityLabel", { when: `${f.date(s.starts_at)} ${f.time(s.starts_at)}` })}
                              defaultValue={String(s.capacity_students)}
                              errorParams={capacityParams}
                            />
                            <button type="submit" className="btn-secondary mb-4">
                              {t("common.save")}
                            </button>
                          </Form>
                        </FormScope>
                      ) : (
                        s.capacity_students
                      )}
                    </td>
                    <td className="tabular-nums">{s.held_students}</td>
                    <td>
                      <span className={`badge ${s.status === "open" ? "badge-ok" : "badge-neutral"}`}>{t(`tours.staff.slot.${s.status}`)}</span>
                    </td>
                    <td>
                      {s.status === "open" && s.held_students === 0 ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="cancelSlot" />
                          <input type="hidden" name="slotId" value={s.id} />
                          <button type="submit" className="btn-link">
                            {t("tours.staff.slot.cancel")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="edit">
        <h2 id="edit" className="mb-3">
          {t("tours.staff.edit")}
        </h2>
        <TourForm
          values={{
            slug: tour.slug,
            titleVi: tour.title_vi,
            titleEn: tour.title_en ?? "",
            summaryVi: tour.summary_vi,
            summaryEn: tour.summary_en ?? "",
            descriptionVi: tour.description_vi,
            descriptionEn: tour.description_en ?? "",
            activitiesVi: tour.activities_vi,
            activitiesEn: tour.activities_en ?? "",
            gradeMin: tour.grade_min ?? 1,
            gradeMax: tour.grade_max ?? 12,
            feeVnd: tour.fee_vnd,
            durationMinutes: tour.duration_minutes,
            groupMin: tour.group_min,
            groupMax: tour.group_max,
            cancelDaysBefore: tour.cancel_days_before,
            participationCertificates: tour.participation_certificates === 1,
            status: tour.status,
            ratioRules,
          }}
        />
      </section>
    </div>
  );
}
