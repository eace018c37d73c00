// For the /classes/:classId routes: who is asking (login redirect), which class (404 when the id is malformed),
// and may they do what they need there (the classes capability answers; 403/404 are thrown here, for routes only).
import { classAccess, type ClassNeed } from "~/classes/access.server";
import { classAccessRefusals } from "~/classes/refusals";
import { classIdParamSchema } from "~/classes/schemas";
import { db } from "./db.server";
import { parseParamOr404 } from "./forms.server";
import { requireUser } from "./guards.server";
import { forbidden, notFound } from "./http.server";

export async function requireClassAccess(request: Request, params: { classId?: string }, need: ClassNeed) {
  const user = await requireUser(request);
  const access = await classAccess(db, user, parseParamOr404(classIdParamSchema, params.classId), need);
  if (!access.ok) throw classAccessRefusals[access.reason].status === 404 ? notFound() : forbidden();
  return { user, ...access.value };
}
