// iCalendar files through the `ics` library (no hand-written ICS).
import { createRequire } from "node:module";
import type { EventAttributes } from "ics";

// Loaded on the first calendar file, not at server start (cold start, issue 17).
let ics: typeof import("ics") | undefined;
const loadIcs = () => (ics ??= createRequire(import.meta.url)("ics") as typeof import("ics"));

export interface CalendarEvent {
  uid: string;
  title: string;
  description?: string;
  location?: string;
  startIso: string;
  endIso: string;
  url?: string;
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
}

function utcParts(iso: string): [number, number, number, number, number] {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

export function buildCalendar(events: CalendarEvent[], calName = "STEM Hub"): string {
  const attrs: EventAttributes[] = events.map((e) => ({
    uid: e.uid,
    title: e.title,
    description: e.description,
    location: e.location,
    url: e.url,
    status: e.status ?? "CONFIRMED",
    start: utcParts(e.startIso),
    startInputType: "utc",
    startOutputType: "utc",
    end: utcParts(e.endIso),
    endInputType: "utc",
    endOutputType: "utc",
    productId: "stem-hub",
    calName,
  }));
  if (attrs.length === 0) {
    // ics refuses an empty list; an empty calendar is still a valid feed.
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:stem-hub", `X-WR-CALNAME:${calName}`, "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = loadIcs().createEvents(attrs);
  if (error || !value) throw error ?? new Error("could not build calendar");
  return value;
}

export function icsResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
