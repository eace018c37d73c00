import { describe, expect, it } from "vitest";
import { z } from "zod";
import { replyMatchesScope } from "~/components/forms";
import { formFailure, parseFormData } from "~/lib/forms.server";

function replyFor(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const parsed = parseFormData(form, z.object({ intent: z.string(), moduleId: z.string(), titleVi: z.string({ error: "validation.required" }).min(1) }));
  expect(parsed.ok).toBe(false);
  return (formFailure(parsed.submission) as unknown as { data: { submission: { initialValue: Record<string, string> } } }).data.submission;
}

describe("form replies on pages with several forms", () => {
  it("belong only to the form whose hidden values they carry", () => {
    const reply = replyFor({ intent: "updateModule", moduleId: "7", titleVi: "" });
    expect(replyMatchesScope(reply, { intent: "updateModule", moduleId: "7" })).toBe(true);
    expect(replyMatchesScope(reply, { intent: "updateModule", moduleId: "8" })).toBe(false);
    expect(replyMatchesScope(reply, { intent: "addModule" })).toBe(false);
    expect(replyMatchesScope(reply, null)).toBe(true);
  });

  it("keep what was typed but never a password", () => {
    const form = new FormData();
    form.set("email", "a@b.vn");
    form.set("password", "secret-secret");
    const parsed = parseFormData(form, z.object({ email: z.string(), password: z.string().min(20, { error: "validation.passwordTooShort" }) }));
    const reply = (formFailure(parsed.submission) as unknown as { data: { submission: { initialValue: Record<string, string> } } }).data.submission;
    expect(reply.initialValue.email).toBe("a@b.vn");
    expect(reply.initialValue.password).toBeUndefined();
  });
});
