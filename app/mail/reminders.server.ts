// Reminders (filled in below).
import type { DB } from "~/lib/db.server";

export async function queueDueReminders(_db: DB, _input: { now: string }): Promise<number> {
  return 0;
}
