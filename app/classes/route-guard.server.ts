// What every /classes/:classId route does first: who is asking, which class, may they (403/404 otherwise).
import { z } from "zod";
import { requireUser } from "~/lib/guards.server";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireClassAccess, type ClassNeed } from "./access.server";

export const idParam = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export async function requireClassFromRoute(request: Request, params: { classId?: string }, need: ClassNeed) {
  const user = await requireUser(request);
  const classId = parseParamOr404(idParam, params.classId);
  const access = await requireClassAccess(db, user, classId, need);
  return { user, ...access };
}
