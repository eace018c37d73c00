import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/lib/guards.server";
import { renderCertificatesPdf } from "~/certificates/pdf.server";
import { pdfResponse } from "~/lib/pdf.server";
import { classCertificates, teachesClass } from "~/certificates/queries.server";
import { classDownloadSchema } from "~/certificates/schemas";
import { siteOrigin } from "~/lib/env.server";
import { compareVietnameseNames } from "~/i18n/format";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { notFound } from "~/lib/http.server";

// /classes/:classId/certificates.pdf?program=ID — one printable PDF of a class's valid certificates for one program.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "teacher");
  const input = parseParam(classDownloadSchema, { classId: params.classId, program: new URL(request.url).searchParams.get("program") });
  // Not the class's teacher: the same 404 as a class that does not exist.
  if (!(await teachesClass(db, user.id, input.classId))) throw notFound();
  const certs = await classCertificates(db, { classId: input.classId, programId: input.program });
  if (certs.length === 0) throw notFound();
  certs.sort((a, b) => compareVietnameseNames(a.recipient_name, b.recipient_name));
  const bytes = await renderCertificatesPdf(certs, siteOrigin(request));
  return pdfResponse(bytes, `class-${input.classId}-program-${input.program}.pdf`, "attachment");
}
