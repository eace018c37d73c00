// Rooms for events: a school (teacher, coordinator) or a community group asks for a room for a date and time;
// staff approve (every seat of those slots is then held, so nobody else books the room) or decline.
// The request → decision lifecycle follows the tours' one (requested → approved | declined | cancelled).
import type { LabRoomRequestStatus, Role } from "#db/schema";
import type { Locale } from "~/i18n";
import { bilingual, localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { vnLocalToIso } from "~/lib/time";
import { notify } from "~/notifications/notifications.server";
import { approvedSchoolsOf } from "~/schools/schools.server";
import { outageDuring } from "./bookings.server";
import { openingHoursOf } from "./resources.server";
import { consecutiveSlots } from "./rules";

export type RoomRequestRefusal = "notFound" | "notAllowed" | "past" | "outsideHours" | "closedDay" | "outOfService" | "overCapacity";

export interface RoomRequestInput {
  organisation: string;
  date: string;
  from: string;
  to: string;
  purpose: string;
  attendance: number;
}

const REQUESTERS: Role[] = ["teacher", "coordinator", "staff", "admin"];

export async function requestRoom(
  db: DB,
  input: { user: { id: number; role: Role }; resourceId: number; form: RoomRequestInput; now: string },
): Promise<Result<{ requestId: number }, RoomRequestRefusal>> {
  const { user, form, now } = input;
  const r = await db.selectFrom("lab_resources").selectAll().where("id", "=", input.resourceId).where("status", "=", "active").executeTakeFirst();
  if (!r || r.kind !== "room") return refuse("notFound");
  if (!REQUESTERS.includes(user.role)) return refuse("notAllowed");
  const startsAt = vnLocalToIso(form.date, form.from);
  const endsAt = vnLocalToIso(form.date, form.to);
  if (startsAt <= now) return refuse("past");
  const count = (Date.parse(endsAt) - Date.parse(startsAt)) / 60_000 / r.slot_minutes;
  if (!Number.isInteger(count) || !consecutiveSlots(await openingHoursOf(db, r.id), r.slot_minutes, startsAt, count)) return refuse("outsideHours");
  const closed = await db
    .selectFrom("lab_closed_dates")
    .select("id")
    .where("date", "=", form.date)
    .where((eb) => eb.or([eb("resource_id", "=", r.id), eb("resource_id", "is", null)]))
    .executeTakeFirst();
  if (closed) return refuse("closedDay");
  const outage = await outageDuring(db, r.id, startsAt, endsAt);
  if (outage) return refuse("outOfService", { params: { reason: outage.reason } });
  if (form.attendance > r.capacity) return refuse("overCapacity", { params: { count: r.capacity } });
  const schools = await approvedSchoolsOf(db, user.id);
  const row = await db
    .insertInto("lab_room_requests")
    .values({
      resource_id: r.id,
      requested_by: user.id,
      school_id: schools[0]?.id ?? null,
      organisation: form.organisation,
      starts_at: startsAt,
      ends_at: endsAt,
      purpose: form.purpose,
      attendance: form.attendance,
      status: "requested",
      staff_message: null,
      decided_by: null,
      created_at: now,
      decided_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return ok({ requestId: row.id });
}

export type DecideRefusal = "notFound" | "notRequested" | "slotTaken";

class Taken extends Error {}

/** Staff approve (holding every seat of the slots, refused if anyone holds one) or decline a request. */
export async function decideRoomRequest(
  db: DB,
  input: { requestId: number; approve: boolean; message: string; staffId: number; now: string },
): Promise<Result<undefined, DecideRefusal>> {
  const req = await db
    .selectFrom("lab_room_requests as q")
    .innerJoin("lab_resources as r", "r.id", "q.resource_id")
    .select(["q.id", "q.status", "q.resource_id", "q.requested_by", "q.starts_at", "q.ends_at", "r.slot_minutes", "r.capacity", "r.name_vi", "r.name_en"])
    .where("q.id", "=", input.requestId)
    .executeTakeFirst();
  if (!req) return refuse("notFound");
  if (req.status !== "requested") return refuse("notRequested");
  const count = Math.round((Date.parse(req.ends_at) - Date.parse(req.starts_at)) / 60_000 / req.slot_minutes);
  const starts = Array.from({ length: Math.max(1, count) }, (_, i) => new Date(Date.parse(req.starts_at) + i * req.slot_minutes * 60_000).toISOString());
  const status: LabRoomRequestStatus = input.approve ? "approved" : "declined";
  try {
    return await inTransaction(db, async (trx): Promise<Result<undefined, DecideRefusal>> => {
      const res = await trx
        .updateTable("lab_room_requests")
        .set({ status, staff_message: input.message || null, decided_by: input.staffId, decided_at: input.now })
        .where("id", "=", req.id)
        .where("status", "=", "requested")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return refuse("notRequested");
      if (input.approve) {
        await trx
          .insertInto("lab_slot_holds")
          .values(starts.map((s) => ({ resource_id: req.resource_id, starts_at: s, taken: 0 })))
          .onConflict((oc) => oc.columns(["resource_id", "starts_at"]).doNothing())
          .execute();
        const held = await trx
          .updateTable("lab_slot_holds")
          .set({ taken: req.capacity })
          .where("resource_id", "=", req.resource_id)
          .where("starts_at", "in", starts)
          .where("taken", "=", 0)
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) !== starts.length) throw new Taken();
      }
      await notify(
        trx,
        {
          userId: req.requested_by,
          messageKey: input.approve ? "lab.notify.requestApproved" : "lab.notify.requestDeclined",
          params: { resource: bilingual(req, "name"), when: req.starts_at },
          link: "/lab/bookings",
        },
        input.now,
      );
      return ok();
    });
  } catch (e) {
    if (e instanceof Taken) return refuse("slotTaken");
    throw e;
  }
}

export const REQUESTS_PAGE_SIZE = 30;

/** Requests for staff: waiting ones first, then the latest decisions (index lab_room_requests_status_idx). */
export async function listRoomRequests(db: DB, input: { status: LabRoomRequestStatus; locale: Locale; page: number }) {
  const rows = await db
    .selectFrom("lab_room_requests as q")
    .innerJoin("lab_resources as r", "r.id", "q.resource_id")
    .innerJoin("users as u", "u.id", "q.requested_by")
    .leftJoin("schools as s", "s.id", "q.school_id")
    .select(["q.id", "q.organisation", "q.starts_at", "q.ends_at", "q.purpose", "q.attendance", "q.status", "q.staff_message", "r.name_vi", "r.name_en", "u.full_name", "s.name as school"])
    .where("q.status", "=", input.status)
    .orderBy("q.starts_at")
    .orderBy("q.id")
    .limit(REQUESTS_PAGE_SIZE + 1)
    .offset((input.page - 1) * REQUESTS_PAGE_SIZE)
    .execute();
  return {
    items: rows.slice(0, REQUESTS_PAGE_SIZE).map((q) => ({
      id: q.id,
      organisation: q.organisation,
      school: q.school,
      requester: q.full_name,
      room: localized(q, "name", input.locale),
      startsAt: q.starts_at,
      endsAt: q.ends_at,
      purpose: q.purpose,
      attendance: q.attendance,
      status: q.status,
      message: q.staff_message,
    })),
    hasMore: rows.length > REQUESTS_PAGE_SIZE,
  };
}

/** Schools whose requests this person may see and cancel: those they coordinate (approved membership). */
async function coordinatedSchoolIds(db: DB, userId: number): Promise<number[]> {
  return (await approvedSchoolsOf(db, userId)).filter((s) => s.role === "coordinator").map((s) => s.id);
}

/** The person's own requests and those of the schools they coordinate (latest 20). */
export async function listMyRoomRequests(db: DB, input: { userId: number; locale: Locale; now: string }) {
  const schools = await coordinatedSchoolIds(db, input.userId);
  const rows = await db
    .selectFrom("lab_room_requests as q")
    .innerJoin("lab_resources as r", "r.id", "q.resource_id")
    .select(["q.id", "q.organisation", "q.starts_at", "q.ends_at", "q.status", "q.staff_message", "r.name_vi", "r.name_en"])
    .where((eb) => (schools.length ? eb.or([eb("q.requested_by", "=", input.userId), eb("q.school_id", "in", schools)]) : eb("q.requested_by", "=", input.userId)))
    .orderBy("q.created_at", "desc")
    .limit(20)
    .execute();
  return rows.map((q) => ({
    id: q.id,
    organisation: q.organisation,
    room: localized(q, "name", input.locale),
    startsAt: q.starts_at,
    endsAt: q.ends_at,
    status: q.status,
    message: q.staff_message,
    cancellable: (q.status === "requested" || q.status === "approved") && q.starts_at > input.now,
  }));
}

export type CancelRequestRefusal = "notFound" | "notActive" | "started";

/**
 * The requester, or a coordinator of the request's school, withdraws a request before it starts; an approved one
 * gives the room back. Anyone else's request is "not found".
 */
export async function cancelRoomRequest(db: DB, input: { requestId: number; userId: number; now: string }): Promise<Result<undefined, CancelRequestRefusal>> {
  const schools = await coordinatedSchoolIds(db, input.userId);
  const q = await db
    .selectFrom("lab_room_requests as q")
    .innerJoin("lab_resources as r", "r.id", "q.resource_id")
    .select(["q.id", "q.status", "q.resource_id", "q.starts_at", "q.ends_at", "r.slot_minutes", "r.capacity"])
    .where("q.id", "=", input.requestId)
    .where((eb) => (schools.length ? eb.or([eb("q.requested_by", "=", input.userId), eb("q.school_id", "in", schools)]) : eb("q.requested_by", "=", input.userId)))
    .executeTakeFirst();
  if (!q) return refuse("notFound");
  if (q.status !== "requested" && q.status !== "approved") return refuse("notActive");
  if (q.starts_at <= input.now) return refuse("started");
  const count = Math.max(1, Math.round((Date.parse(q.ends_at) - Date.parse(q.starts_at)) / 60_000 / q.slot_minutes));
  const starts = Array.from({ length: count }, (_, i) => new Date(Date.parse(q.starts_at) + i * q.slot_minutes * 60_000).toISOString());
  return inTransaction(db, async (trx): Promise<Result<undefined, CancelRequestRefusal>> => {
    const res = await trx
      .updateTable("lab_room_requests")
      .set({ status: "cancelled" })
      .where("id", "=", q.id)
      .where("status", "=", q.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return refuse("notActive");
    if (q.status === "approved") {
      await trx
        .updateTable("lab_slot_holds")
        .set((eb) => ({ taken: eb("taken", "-", q.capacity) }))
        .where("resource_id", "=", q.resource_id)
        .where("starts_at", "in", starts)
        .where("taken", ">=", q.capacity)
        .execute();
    }
    return ok();
  });
}
