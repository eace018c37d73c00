// The catalogue's refusal table: every reason a catalogue function can refuse with → HTTP status, message, field.
import type { RefusalMap } from "~/lib/refusals";
import type { ProgramRefusal } from "./staff.server";

export const programRefusals = {
  slugTaken: { status: 400, key: "catalog.errors.slugTaken", field: "slug" },
} satisfies RefusalMap<ProgramRefusal>;
