import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormScope, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { RecurringSlotsForm, SingleSlotForm } from "~/components/tours/SlotForms";
import { TourForm } from "~/components/tours/TourForm";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound, notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { saveTourRefusals, slotRefusals } from "~/tours/refusals";
import { idSchema, staffTourPageSchema } from "~/tours/schemas";
import { addSlot, createRecurringSlots, loadStaffTourPage, planRecurringSlots, saveTour } from "~/tours/staff.server";
import { cancelSlot, getTourById, setSlotCapacity } from "~/tours/tours.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const programId = parseParamOr404(idSchema, params.id);
  return ensureFound(await loadStaffTourPage(db, programId, { now: nowIso(), locale: staff.locale }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const tour = ensureFound(await getTourById(db, parseParamOr404(idSchema, params.id)));
  const form = await parseForm(request, staffTourPageSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const now = nowIso();
  const back = (notice: string) => redirect(`/staff/tours/${tour.id}?notice=notice.tours.${notice}`);
  switch (v.intent) {
    case "save": {
      const result = await saveTour(db, tour.id, v);
      if (!result.ok) return refusalReply(form.submission, result, saveTourRefusals);
      return back("saved");
    }
    case "cancelSlot": {
      const result = await cancelSlot(db, { programId: tour.id, slotId: v.slotId });
      if (!result.ok) return refusalReply(form.submission, result, slotRefusals);
      return back("slotCancelled");
    }
    case "slotCapacity": {
      const result = await setSlotCapacity(db, { programId: tour.id, slotId: v.slotId, capacity: v.capacity });
      if (!result.ok && result.reason === "slotNotFound") throw notFound();
      if (!result.ok) return refusalReply(form.submission, result, slotRefusals);
      return back("capacitySaved");
    }
    case "slot": {
      const result = await addSlot(db, { tour, date: v.date, time: v.time, capacity: v.capacity, now });
      if (!result.ok) return refusalReply(form.submission, result, slotRefusals);
      return back("slotAdded");
    }
    case "preview": {
      const plan = planRecurringSlots(tour, v, now);
      if (!plan.ok) return refusalReply(form.submission, plan, slotRefusals);
      return { submission: form.submission.reply(), preview: plan.value.length };
    }
    case "generate": {
      const result = await createRecurringSlots(db, { tour, form: v, capacity: v.capacity, now });
      if (!result.ok) return refusalReply(form.submission, result, slotRefusals);
      return back("slotsGenerated");
    }
  }
}

export default function StaffTour() {
  const t = useT();
  const f = useFormat();
  const { tour, form, slots, today } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <PageHeading>{tour.title}</PageHeading>
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
                    <td>
                      {f.longDate(s.startsAt)} {f.time(s.startsAt)}
                    </td>
                    <td className="tabular-nums">
                      {s.status === "open" ? (
                        <FormScope match={{ intent: "slotCapacity", slotId: s.id }}>
                          <Form method="post" className="flex flex-wrap items-end gap-2">
                            <input type="hidden" name="intent" value="slotCapacity" />
                            <input type="hidden" name="slotId" value={s.id} />
                            <TextField
                              name="capacity"
                              type="number"
                              min={Math.max(1, s.held)}
                              max={1000}
                              className="!w-24"
                              hideLabel
                              label={t("tours.staff.slot.capacityLabel", { when: `${f.date(s.startsAt)} ${f.time(s.startsAt)}` })}
                              defaultValue={String(s.capacity)}
                            />
                            <button type="submit" className="btn-secondary mb-4">
                              {t("common.save")}
                            </button>
                          </Form>
                        </FormScope>
                      ) : (
                        s.capacity
                      )}
                    </td>
                    <td className="tabular-nums">{s.held}</td>
                    <td>
                      <span className={`badge ${s.status === "open" ? "badge-ok" : "badge-neutral"}`}>{t(`tours.staff.slot.${s.status}`)}</span>
                    </td>
                    <td>
                      {s.status === "open" && s.held === 0 ? (
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
        <TourForm values={form} />
      </section>
    </div>
  );
}
