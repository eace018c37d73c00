// Booking a tour slot: checks (school, slot, class, group size, ratio), then seats held atomically.
import type { SessionUser } from "~/auth/roles";
import { inTransaction, type DB } from "~/lib/db.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { approvedSchoolsOf } from "~/schools/schools.server";
import { formatReference, requiredAdults } from "./rules";
import type { BookingInput } from "./schemas";
import { getRatioRules, getSlot, type TourRow } from "./tours.server";

export type BookingFailure = {
  ok: false;
  status: number;
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
  /** Parameters of the messages (e.g. how many adults are needed). */
  params?: Record<string, Record<string, number>>;
};
export type BookingResult = { ok: true; bookingId: number; reference: string } | BookingFailure;

const fail = (status: number, field: string | null, key: string, params?: Record<string, number>): BookingFailure => ({
  ok: false,
  status,
  ...(field ? { fieldErrors: { [field]: [key] } } : { formErrors: [key] }),
  ...(params ? { params: { [field ?? "form"]: params } } : {}),
});

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

/** Next reference of the year, allocated inside the caller's transaction (sequential, never reused). */
export async function allocateReference(trx: DB, now: string): Promise<string> {
  const year = Number(isoToVnLocal(now).date.slice(0, 4));
  const row = await trx
    .insertInto("tour_reference_counters")
    .values({ scope: `TQ-${year}`, last_value: 1 })
    .onConflict((oc) => oc.column("scope").doUpdateSet((eb) => ({ last_value: eb("tour_reference_counters.last_value", "+", 1) })))
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return formatReference(year, row.last_value);
}

export async function createBooking(
  db: DB,
  user: SessionUser,
  tour: Pick<TourRow, "id" | "grade_min" | "grade_max" | "group_min" | "group_max">,
  input: BookingInput,
  now = nowIso(),
): Promise<BookingResult> {
  if (user.role !== "teacher" && user.role !== "coordinator") return fail(403, null, "bookings.errors.notAllowed");
  const schools = await approvedSchoolsOf(db, user.id);
  if (schools.length === 0) return fail(403, null, "bookings.errors.noSchool");
  let schoolId = input.schoolId;
  if (schoolId === undefined) {
    if (schools.length > 1) return fail(400, "schoolId", "bookings.errors.chooseSchool");
    schoolId = schools[0].id;
  }
  if (!schools.some((s) => s.id === schoolId)) return fail(400, "schoolId", "bookings.errors.notYourSchool");

  const slot = await getSlot(db, input.slotId);
  if (!slot || slot.program_id !== tour.id) return fail(400, "slotId", "tours.errors.slotOtherTour");
  if (slot.status !== "open") return fail(400, "slotId", "tours.errors.slotCancelled");
  if (slot.starts_at <= now) return fail(400, "slotId", "tours.errors.slotPast");

  let students = input.students;
  if (input.classId !== undefined) {
    const cls = (await listTeachableClasses(db, user.id, [schoolId])).find((c) => c.id === input.classId);
    if (!cls) return fail(400, "classId", "bookings.errors.classNotYours");
    students ??= Number(cls.members);
  }
  if (students === undefined) return fail(400, "students", "validation.required");
  if (students < tour.group_min || students > tour.group_max) {
    return fail(400, "students", "tours.errors.groupSize", { min: tour.group_min, max: tour.group_max });
  }
  const tourMin = tour.grade_min ?? 1;
  const tourMax = tour.grade_max ?? 12;
  if (input.gradeMin < tourMin || input.gradeMax > tourMax) {
    return fail(400, "gradeMin", "tours.errors.gradeOutside");
  }
  const needed = requiredAdults(await getRatioRules(db, tour.id), students, input.gradeMin, input.gradeMax);
  if (input.adults < needed) return fail(400, "adults", "tours.errors.tooFewAdults", { needed });

  const seats = students;
  try {
    return await inTransaction(db, async (trx) => {
      const held = await trx
        .updateTable("tour_slots")
        .set((eb) => ({ held_students: eb("held_students", "+", seats) }))
        .where("id", "=", slot.id)
        .where("status", "=", "open")
        .where((eb) => eb(eb("held_students", "+", seats), "<=", eb.ref("capacity_students")))
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) {
        const left = await trx.selectFrom("tour_slots").select(["capacity_students", "held_students"]).where("id", "=", slot.id).executeTakeFirstOrThrow();
        return fail(409, "slotId", "tours.errors.slotFull", { left: left.capacity_students - left.held_students });
      }
      const reference = await allocateReference(trx, now);
      const row = await trx
        .insertInto("tour_bookings")
        .values({
          reference,
          slot_id: slot.id,
          program_id: tour.id,
          school_id: schoolId,
          booked_by: user.id,
          class_id: input.classId ?? null,
          students: seats,
          grade_min: input.gradeMin,
          grade_max: input.gradeMax,
          adults: input.adults,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          accessibility_needs: input.accessibilityNeeds,
          notes: input.notes,
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
      return { ok: true as const, bookingId: row.id, reference };
    });
  } catch (e) {
    // The partial unique index: this booker already holds this slot (a double submit); the hold was rolled back.
    if (!db.isTransaction && e instanceof Error && /UNIQUE constraint failed: tour_bookings\.slot_id/.test(e.message)) {
      return fail(409, "slotId", "bookings.errors.duplicate");
    }
    throw e;
  }
}
