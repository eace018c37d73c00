// Booking a tour slot: checks (school, slot, class, group size, ratio), then seats held atomically.
import type { SessionUser } from "~/auth/roles";
import { bilingual } from "~/i18n/localized";
import { inTransaction, isUniqueViolation, type DB } from "~/lib/db.server";
import { queueEmails } from "~/mail/outbox.server";
import { pauseForTests } from "~/lib/test-hooks";
import { ok, refuse, type Result } from "~/lib/result";
import { vnYear } from "~/lib/time";
import { approvedSchoolsOf } from "~/schools/schools.server";
import { formatReference, requiredAdults } from "./rules";
import type { BookingInput } from "./schemas";
import { getRatioRules, getSlot, type TourRow } from "./tours.server";

export type BookingRefusal =
  | "notAllowed"
  | "noSchool"
  | "chooseSchool"
  | "notYourSchool"
  | "slotOtherTour"
  | "slotCancelled"
  | "slotPast"
  | "classNotYours"
  | "studentsRequired"
  | "groupSize"
  | "gradeOutside"
  | "tooFewAdults"
  | "slotFull"
  | "duplicate";

export type Booked = { bookingId: number; reference: string };

/** Classes the user teaches (owner or co-teacher) at these schools, with their member counts. */
export async function listTeachableClasses(db: DB, userId: number, schoolIds: number[]) {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom("classes as c")
    .select((eb) => [
      "c.id",
      "c.name",
      "c.school_id",
      "c.grade",
      eb.selectFrom("class_members as cm").select((e) => e.fn.countAll<number>().as("n")).whereRef("cm.class_id", "=", "c.id").as("members"),
    ])
    .where("c.school_id", "in", schoolIds)
    .where("c.archived_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("c.owner_id", "=", userId),
        eb.exists(eb.selectFrom("class_teachers as ct").select("ct.class_id").whereRef("ct.class_id", "=", "c.id").where("ct.teacher_id", "=", userId)),
      ]),
    )
    .orderBy("c.name")
    .execute();
}

export type ClassPrefillRefusal = "notAllowed" | "classNotYours";

/** What choosing a class fills on the booking form: its size, its grade, and the contact from the teacher. */
export interface ClassPrefill {
  classId: number;
  className: string;
  students: number;
  /** The class's grade (both ends of the range); null when the class has none. */
  grade: number | null;
  contactName: string;
  /** The phone the teacher gave on their latest booking (profiles have no phone); "" when none. */
  contactPhone: string;
}

/**
 * Pre-filling the booking form from a class: only a class the user teaches (owner or co-teacher) at one of
 * their approved schools, so another teacher's class id reveals nothing (not its name, not its size).
 */
export async function prefillFromClass(db: DB, input: { user: SessionUser; classId: number }): Promise<Result<ClassPrefill, ClassPrefillRefusal>> {
  const { user, classId } = input;
  if (user.role !== "teacher" && user.role !== "coordinator") return refuse("notAllowed");
  const schools = await approvedSchoolsOf(db, user.id);
  const cls = (await listTeachableClasses(db, user.id, schools.map((s) => s.id))).find((c) => c.id === classId);
  if (!cls) return refuse("classNotYours");
  const [profile, last] = await Promise.all([
    db.selectFrom("users").select("full_name").where("id", "=", user.id).executeTakeFirstOrThrow(),
    db
      .selectFrom("tour_bookings")
      .select("contact_phone")
      .where("booked_by", "=", user.id)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  return ok({
    classId: cls.id,
    className: cls.name,
    students: Number(cls.members),
    grade: cls.grade,
    contactName: profile.full_name,
    contactPhone: last?.contact_phone ?? "",
  });
}

/** Next reference of the year, allocated inside the caller's transaction (sequential, never reused). */
export async function allocateReference(trx: DB, now: string): Promise<string> {
  const year = vnYear(now);
  const row = await trx
    .insertInto("tour_reference_counters")
    .values({ scope: `TQ-${year}`, last_value: 1 })
    .onConflict((oc) => oc.column("scope").doUpdateSet((eb) => ({ last_value: eb("tour_reference_counters.last_value", "+", 1) })))
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return formatReference(year, row.last_value);
}

/**
 * A booking request for a slot of a tour by a teacher or coordinator of an approved school: every rule is
 * checked here, then the seats are held by one conditional update (never beyond the slot's capacity).
 */
export async function createBooking(
  db: DB,
  input: {
    user: SessionUser;
    tour: Pick<TourRow, "id" | "grade_min" | "grade_max" | "group_min" | "group_max">;
    form: BookingInput;
    now: string;
  },
): Promise<Result<Booked, BookingRefusal>> {
  const { user, tour, form, now } = input;
  if (user.role !== "teacher" && user.role !== "coordinator") return refuse("notAllowed");
  const schools = await approvedSchoolsOf(db, user.id);
  if (schools.length === 0) return refuse("noSchool");
  let schoolId = form.schoolId;
  if (schoolId === undefined) {
    if (schools.length > 1) return refuse("chooseSchool");
    schoolId = schools[0].id;
  }
  if (!schools.some((s) => s.id === schoolId)) return refuse("notYourSchool");

  const slot = await getSlot(db, form.slotId);
  if (!slot || slot.program_id !== tour.id) return refuse("slotOtherTour");
  if (slot.status !== "open") return refuse("slotCancelled");
  if (slot.starts_at <= now) return refuse("slotPast");

  let students = form.students;
  if (form.classId !== undefined) {
    const cls = (await listTeachableClasses(db, user.id, [schoolId])).find((c) => c.id === form.classId);
    if (!cls) return refuse("classNotYours");
    students ??= Number(cls.members);
  }
  if (students === undefined) return refuse("studentsRequired");
  if (students < tour.group_min || students > tour.group_max) return refuse("groupSize", { params: { min: tour.group_min, max: tour.group_max } });
  const tourMin = tour.grade_min ?? 1;
  const tourMax = tour.grade_max ?? 12;
  if (form.gradeMin < tourMin || form.gradeMax > tourMax) return refuse("gradeOutside");
  const needed = requiredAdults(await getRatioRules(db, tour.id), students, form.gradeMin, form.gradeMax);
  if (form.adults < needed) return refuse("tooFewAdults", { params: { needed } });

  const seats = students;
  const bookingSchoolId = schoolId;
  try {
    return await inTransaction(db, async (trx): Promise<Result<Booked, BookingRefusal>> => {
      await pauseForTests("tours.book");
      const held = await trx
        .updateTable("tour_slots")
        .set((eb) => ({ held_students: eb("held_students", "+", seats) }))
        .where("id", "=", slot.id)
        .where("status", "=", "open")
        .where((eb) => eb(eb("held_students", "+", seats), "<=", eb.ref("capacity_students")))
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) {
        // Nothing was written: the conditional update matched no row.
        const left = await trx.selectFrom("tour_slots").select(["capacity_students", "held_students"]).where("id", "=", slot.id).executeTakeFirstOrThrow();
        return refuse("slotFull", { params: { left: left.capacity_students - left.held_students } });
      }
      const reference = await allocateReference(trx, now);
      const row = await trx
        .insertInto("tour_bookings")
        .values({
          reference,
          slot_id: slot.id,
          program_id: tour.id,
          school_id: bookingSchoolId,
          booked_by: user.id,
          class_id: form.classId ?? null,
          students: seats,
          grade_min: form.gradeMin,
          grade_max: form.gradeMax,
          adults: form.adults,
          contact_name: form.contactName,
          contact_phone: form.contactPhone,
          accessibility_needs: form.accessibilityNeeds,
          notes: form.notes,
          status: "requested",
          staff_message: null,
          cancel_reason: null,
          actual_students: null,
          created_at: now,
          updated_at: now,
          decided_at: null,
          completed_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The booker and the school's coordinators hear that the request arrived (optional mail).
      const [program, school, coordinators] = await Promise.all([
        trx.selectFrom("programs").select(["title_vi", "title_en"]).where("id", "=", tour.id).executeTakeFirstOrThrow(),
        trx.selectFrom("schools").select("name").where("id", "=", bookingSchoolId).executeTakeFirstOrThrow(),
        trx
          .selectFrom("school_memberships")
          .select("user_id")
          .where("school_id", "=", bookingSchoolId)
          .where("role", "=", "coordinator")
          .where("status", "=", "approved")
          .execute(),
      ]);
      const recipients = [...new Set([user.id, ...coordinators.map((c) => c.user_id)])];
      const params = { reference, title: bilingual(program, "title"), startsAt: slot.starts_at, school: school.name, link: `/bookings/${row.id}` };
      await queueEmails(trx, recipients.map((userId) => ({ template: "tourRequested" as const, userId, params, now })));
      return ok({ bookingId: row.id, reference });
    });
  } catch (e) {
    // The partial unique index: this booker already holds this slot (a double submit); the hold was rolled back.
    if (!db.isTransaction && isUniqueViolation(e, { index: "tour_bookings_active_unique", columns: "tour_bookings.slot_id" })) return refuse("duplicate");
    throw e;
  }
}
