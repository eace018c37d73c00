// What a scanned (or typed) card did: the student's name, big, with a check mark and a word ("Checked in" /
// "Already checked in"), or why it was refused. Visual only (no sound); announced politely to screen readers.
import { toMessageKey } from "~/i18n";
import { useT } from "~/i18n/react";

export type ScanReply =
  | { scanned: { studentId: number; fullName: string; already: boolean } }
  | { submission?: { error?: Record<string, string[] | null | undefined> | null }; params?: Record<string, string | number> };

export function ScanOutcome({ reply, errors = true }: { reply: ScanReply | undefined; errors?: boolean }) {
  const t = useT();
  if (!reply) return null;
  if ("scanned" in reply) {
    const s = reply.scanned;
    return (
      <div
        className={`mt-3 rounded-lg border-4 p-4 text-center ${s.already ? "border-slate-500 bg-slate-50" : "border-green-700 bg-green-50"}`}
        role="status"
        aria-live="polite"
        data-testid="scan-result"
      >
        <p className="text-4xl" aria-hidden="true">
          ✓
        </p>
        <p className="text-2xl font-bold" data-testid="scan-name">
          {s.fullName}
        </p>
        <p className="text-lg">{t(s.already ? "checkin.scan.already" : "checkin.scan.done")}</p>
      </div>
    );
  }
  if (!errors) return null;
  const keys = Object.values(reply.submission?.error ?? {}).flatMap((v) => v ?? []);
  if (keys.length === 0) return null;
  return (
    <div className="alert alert-error mt-3 text-lg" role="alert" data-testid="scan-refused">
      {t(toMessageKey(keys[0]), reply.params)}
    </div>
  );
}
