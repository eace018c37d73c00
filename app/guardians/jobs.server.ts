// The guardians' background job: erase medical notes of visits that ended more than the retention period ago.
// Started with the mail loop by startBackgroundJobs (app/entry.server.tsx); hourly, harmless on several processes.
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { purgeMedicalNotes } from "./slips.server";

export function startGuardianJobs(log: (line: string) => void = console.log): () => void {
  const run = () => purgeMedicalNotes(db, { now: nowIso() }).catch((e: Error) => log(`guardians: purge failed: ${e.message}`));
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, 3600_000);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
