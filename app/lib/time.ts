// Times are stored as ISO-8601 UTC text everywhere; shown in Asia/Ho_Chi_Minh through Intl (app/i18n/format.ts).
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

export function nowIso(): string {
  return new Date().toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** Vietnam has no daylight saving: local time is always UTC+7. */
const VN_OFFSET_MINUTES = 7 * 60;

/** "2026-12-05" + "08:30" in Vietnam → ISO UTC. */
export function vnLocalToIso(date: string, time: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - VN_OFFSET_MINUTES * 60_000).toISOString();
}

/** ISO UTC → { date: "2026-12-05", time: "08:30" } in Vietnam, for form inputs. */
export function isoToVnLocal(iso: string): { date: string; time: string } {
  const local = new Date(Date.parse(iso) + VN_OFFSET_MINUTES * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The calendar year in Vietnam at an instant (differs from the UTC year for 7 hours each New Year). */
export function vnYear(iso: string): number {
  return Number(isoToVnLocal(iso).date.slice(0, 4));
}
