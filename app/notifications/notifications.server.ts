// In-app notifications. The message is stored as a catalogue key and parameters, shown in the reader's language.
import type { MessageKey } from "~/i18n";
import type { DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import type { NotificationParams } from "./params";

export interface NotificationInput {
  userId: number;
  messageKey: MessageKey;
  /** Language-neutral: keys, ISO times, numbers, and bilingual texts as { vi, en } (see params.ts). */
  params?: NotificationParams;
  link?: string | null;
}

// `now` is the caller's instant (the time the notification says it was sent). It defaults to the clock only so
// that the other capabilities' callers keep working; new callers pass it.
export async function notify(db: DB, input: NotificationInput, now: string = nowIso()): Promise<void> {
  await notifyMany(db, [input], now);
}

/** One insert for many recipients (a class, a waitlist promotion batch). */
export async function notifyMany(db: DB, inputs: NotificationInput[], now: string = nowIso()): Promise<void> {
  if (inputs.length === 0) return;
  for (let i = 0; i < inputs.length; i += 200) {
    await db
      .insertInto("notifications")
      .values(
        inputs.slice(i, i + 200).map((n) => ({
          user_id: n.userId,
          message_key: n.messageKey,
          params: JSON.stringify(n.params ?? {}),
          link: n.link ?? null,
          created_at: now,
        })),
      )
      .execute();
  }
}

export async function countUnread(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

export async function listNotifications(db: DB, userId: number, page: number) {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "message_key", "params", "link", "read_at", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(NOTIFICATIONS_PAGE_SIZE + 1)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE)
    .execute();
  return {
    items: rows.slice(0, NOTIFICATIONS_PAGE_SIZE).map((r) => ({
      id: r.id,
      messageKey: r.message_key,
      params: JSON.parse(r.params) as NotificationParams,
      link: r.link,
      read: r.read_at !== null,
      createdAt: r.created_at,
    })),
    hasMore: rows.length > NOTIFICATIONS_PAGE_SIZE,
  };
}

export async function markAllRead(db: DB, userId: number, now: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}
