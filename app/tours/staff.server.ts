// Staff editing of tours: parse the form's ratio rules, then create or update the tour.
import type { DB } from "~/lib/db.server";
import { parseRatioRules } from "./rules";
import type { TourInput } from "./schemas";
import { createTour, updateTour } from "./tours.server";

export type SaveTourResult = { ok: true; programId: number } | { ok: false; field: string; error: string };

export async function saveTour(db: DB, programId: number | null, input: TourInput): Promise<SaveTourResult> {
  const rules = parseRatioRules(input.ratioRules);
  if (!rules.ok) return { ok: false, field: "ratioRules", error: "tours.errors.ratioRules" };
  if (programId === null) {
    const id = await createTour(db, input, rules.rules);
    return id === null ? { ok: false, field: "slug", error: "tours.errors.slugTaken" } : { ok: true, programId: id };
  }
  const ok = await updateTour(db, programId, input, rules.rules);
  return ok ? { ok: true, programId } : { ok: false, field: "slug", error: "tours.errors.slugTaken" };
}
