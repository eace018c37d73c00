// zod schemas of the mail capability's forms and queries (safe in the browser).
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "stored", "failed"] as const;

export const outboxQuerySchema = z.object({
  page: pageSchema,
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
});
