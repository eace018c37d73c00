import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { BookingForm } from "~/components/tours/BookingForm";
import { MonthCalendar } from "~/components/tours/MonthCalendar";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, formRefill, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { getOptionalUser, requireRole } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { createBooking, prefillFromClass } from "~/tours/bookings.server";
import { getVisibleTour, loadTourPage } from "~/tours/page.server";
import { bookingRefusals, classPrefillRefusals } from "~/tours/refusals";
import { monthSchema, slugSchema, tourPageActionSchema } from "~/tours/schemas";
import { CentreContact } from "~/components/centre/CentreContact";
import { useCentre } from "~/components/centre/useCentre";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const tour = ensureFound(await getVisibleTour(db, parseParamOr404(slugSchema, params.slug), user));
  const monthParam = new URL(request.url).searchParams.get("month");
  const month = monthParam && monthSchema.safeParse(monthParam).success ? monthParam : null;
  return loadTourPage(db, tour, {
    month,
    user,
    locale: await resolveLocale(request, user),
    now: nowIso(),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.tour.title} · STEM Hub` : "STEM Hub" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "teacher", "coordinator");
  const tour = ensureFound(await getVisibleTour(db, parseParamOr404(slugSchema, params.slug), user));
  const form = await parseForm(request, tourPageActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "useClass") {
    const filled = await prefillFromClass(db, {
      user,
      classId: form.value.classId,
    });
    if (!filled.ok) return refusalReply(form.submission, filled, classPrefillRefusals);
    const p = filled.value;
    const typed = form.submission.payload as Record<string, unknown>;
    const blank = (name: string) => typeof typed[name] !== "string" || (typed[name] as string).trim() === "";
    // Size and grade follow the class; the contact is filled only where nothing was typed.
    const values: Record<string, string> = { students: String(p.students) };
    if (p.grade !== null)
      Object.assign(values, {
        gradeMin: String(p.grade),
        gradeMax: String(p.grade),
      });
    if (blank("contactName")) values.contactName = p.contactName;
    if (blank("contactPhone") && p.contactPhone) values.contactPhone = p.contactPhone;
    return formRefill(form.submission, values, {
      filledFrom: { name: p.className, students: p.students, grade: p.grade },
    });
  }
  const result = await createBooking(db, {
    user,
    tour,
    form: form.value,
    now: nowIso(),
  });
  if (!result.ok) return refusalReply(form.submission, result, bookingRefusals);
  return redirect(`/bookings/${result.value.bookingId}?notice=notice.bookings.created`);
}

export default function TourPage() {
  const t = useT();
  const f = useFormat();
  const data = useLoaderData<typeof loader>();
  const centre = useCentre();
  const [search] = useSearchParams();
  const reply = useActionData<typeof action>();
  const refill = reply && "refill" in reply ? reply : null;
  const { tour, rules } = data;
  const slotParam = Number(search.get("slot"));
  const selectedSlot = Number.isInteger(slotParam) && slotParam > 0 ? slotParam : null;
  return (
    <div>
      <PageHeading lead={tour.summary}>{tour.title}</PageHeading>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {tour.descriptionHtml ? (
            <div
              className="tour-markdown max-w-none space-y-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
              dangerouslySetInnerHTML={{ __html: tour.descriptionHtml }}
            />
          ) : null}
          {tour.activitiesHtml ? (
            <section aria-labelledby="activities">
              <h2 id="activities">{t("tours.activities")}</h2>
              <div
                className="tour-markdown mt-2 max-w-none space-y-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
                dangerouslySetInnerHTML={{ __html: tour.activitiesHtml }}
              />
            </section>
          ) : null}
        </div>
        <aside className="card space-y-3" aria-labelledby="facts">
          <h2 id="facts">{t("tours.facts")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-semibold">{t("tours.factDuration")}</dt>
            <dd>{t("tours.duration", { minutes: tour.durationMinutes })}</dd>
            <dt className="font-semibold">{t("tours.factGrades")}</dt>
            <dd>{t("tours.grades", { min: tour.gradeMin, max: tour.gradeMax })}</dd>
            <dt className="font-semibold">{t("tours.factGroup")}</dt>
            <dd>{t("tours.groupSize", { min: tour.groupMin, max: tour.groupMax })}</dd>
            <dt className="font-semibold">{t("tours.factFee")}</dt>
            <dd>{tour.feeVnd === 0 ? t("common.free") : t("tours.feePerStudent", { fee: f.money(tour.feeVnd) })}</dd>
          </dl>
          <h3>{t("tours.ratio.heading")}</h3>
          <ul className="list-disc pl-5 text-sm">
            {rules.length === 0 ? <li>{t("tours.ratio.default", { per: 20 })}</li> : null}
            {rules.map((r) => (
              <li key={`${r.gradeMin}-${r.gradeMax}`}>
                {t("tours.ratio.rule", {
                  min: r.gradeMin,
                  max: r.gradeMax,
                  per: r.studentsPerAdult,
                })}
              </li>
            ))}
          </ul>
          {rules.length > 1 ? <p className="text-sm">{t("tours.ratio.strictest")}</p> : null}
          {centre?.reachable ? <CentreContact centre={centre} /> : null}
        </aside>
      </div>
      <div className="mt-8">
        <MonthCalendar calendar={data.calendar} bookable={data.booker === "ready"} />
      </div>
      <section aria-labelledby="book" className="card mt-8 max-w-2xl">
        <h2 id="book">{t("tours.book.heading")}</h2>
        <div className="mt-3">
          {data.booker === "anonymous" ? (
            <p>
              <Link to={`/login?redirectTo=${encodeURIComponent(`/tours/${tour.slug}#book`)}`}>{t("tours.book.login")}</Link>
            </p>
          ) : data.booker === "notForRole" ? (
            <p>{t("tours.book.notForRole")}</p>
          ) : data.booker === "noSchool" || data.booker === "pending" ? (
            <div className="alert alert-info">
              <p>{t(data.booker === "pending" ? "tours.book.pending" : "tours.book.noSchool")}</p>
              <p className="mt-2">
                <Link to="/school">{t("tours.book.goToSchool")}</Link>
              </p>
            </div>
          ) : data.slots.length === 0 ? (
            <p>{t("tours.book.noSlots")}</p>
          ) : (
            // A "use this class" reply remounts the form, so its fields show the filled values.
            <BookingForm key={refill?.refill ?? "form"} data={data} selectedSlot={selectedSlot} filledFrom={refill?.filledFrom ?? null} />
          )}
        </div>
      </section>
    </div>
  );
}
