// Form replies of the tours routes: field errors plus the parameters some messages need.
import { data } from "@remix-run/node";
import type { ParsedForm } from "~/lib/forms.server";

type Submission = ParsedForm<unknown>["submission"];

export function failureReply(
  submission: Submission,
  failure: { status: number; fieldErrors?: Record<string, string[]>; formErrors?: string[]; params?: Record<string, Record<string, number>> },
) {
  const reply = submission.reply({ fieldErrors: failure.fieldErrors, formErrors: failure.formErrors });
  return data({ submission: reply, params: failure.params ?? {} }, { status: failure.status });
}
