import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderCertificatesPdf } from "~/certificates/pdf.server";
import { pdfResponse } from "~/lib/pdf.server";
import { getCertificateForViewer } from "~/certificates/queries.server";
import { certificateIdSchema } from "~/certificates/schemas";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";

// /certificates/:id.pdf — only for the owner or staff (404 otherwise, as for a missing certificate).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseParamOr404(certificateIdSchema, params.id);
  const c = ensureFound(await getCertificateForViewer(db, id, user));
  const bytes = await renderCertificatesPdf([c], siteOrigin(request));
  return pdfResponse(bytes, `${c.serial}.pdf`);
}
