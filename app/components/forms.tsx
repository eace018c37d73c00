// Form fields with labels and errors next to them; errors are catalogue keys translated here.
import { useActionData } from "@remix-run/react";
import { createContext, useContext, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { toMessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { CONTACT_MESSAGE_KEYS, ContactLine } from "./centre/ContactLine";

interface ReplyShape {
  status?: string;
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null | undefined> | null;
  /** Parameters of the reply's messages (formFailure / refusalReply put them beside the submission). */
  params?: Record<string, string | number>;
}

type ActionReply = { submission?: ReplyShape; params?: Record<string, string | number> };

/** Reads the last form reply of this route's action (or one passed explicitly, e.g. from a fetcher). */
export function useFormReply(explicit?: ActionReply | null): ReplyShape | undefined {
  const actionData = useActionData() as ActionReply | undefined;
  const source = explicit ?? actionData;
  if (!source?.submission) return undefined;
  return source.params ? { ...source.submission, params: source.params } : source.submission;
}

/**
 * Several forms on one page often share field names (a title per module, say). Wrapping each in a FormScope
 * with its hidden values (e.g. { intent: "updateModule", moduleId: "7" }) shows the last reply's errors and typed
 * values only in the form that sent it.
 */
const ScopeContext = createContext<Record<string, string> | null>(null);

export function FormScope({ match, children }: { match: Record<string, string | number>; children: ReactNode }) {
  const value = Object.fromEntries(Object.entries(match).map(([k, v]) => [k, String(v)]));
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

/** Whether a form reply came from the form with these hidden values (no scope: every reply is this form's). */
export function replyMatchesScope(reply: ReplyShape | undefined, scope: Record<string, string> | null): boolean {
  if (!reply || !scope) return true;
  const sent = reply.initialValue ?? {};
  return Object.entries(scope).every(([k, v]) => String(sent[k] ?? "") === v);
}

function useScopedReply(explicit: ReplyShape | undefined): ReplyShape | undefined {
  const reply = useFormReply(explicit ? { submission: explicit } : undefined);
  return replyMatchesScope(reply, useContext(ScopeContext)) ? reply : undefined;
}

export function fieldErrors(reply: ReplyShape | undefined, name: string): string[] {
  return reply?.error?.[name] ?? [];
}

export function fieldValue(reply: ReplyShape | undefined, name: string): string | undefined {
  const v = reply?.initialValue?.[name];
  return typeof v === "string" ? v : undefined;
}

function ErrorList({ id, errors, params }: { id: string; errors: string[]; params?: Record<string, string | number> }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.map((e) => t(toMessageKey(e), params)).join(" ")}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  reply?: ReplyShape;
  /** Parameters for the error messages, e.g. { needed: 3 } for "at least {needed} adults". */
  errorParams?: Record<string, string | number>;
  /** The label is read by screen readers only (a field inside a table row whose column says what it is). */
  hideLabel?: boolean;
}

/** What every field needs: an id, its errors, what the user typed and the aria wiring. */
function useField(name: string, hint: string | undefined, explicit: ReplyShape | undefined) {
  const id = useId();
  const reply = useScopedReply(explicit);
  const errors = fieldErrors(reply, name);
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return {
    id,
    errors,
    typed: fieldValue(reply, name),
    params: reply?.params,
    aria: { "aria-invalid": errors.length ? true : undefined, "aria-describedby": describedBy || undefined },
  };
}

function FieldShell(props: {
  id: string;
  label: string;
  hideLabel?: boolean;
  hint?: string;
  errors: string[];
  errorParams?: Record<string, string | number>;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id} className={props.hideLabel ? "sr-only" : undefined}>
        {props.label}
      </label>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      <ErrorList id={`${props.id}-error`} errors={props.errors} params={props.errorParams} />
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  reply,
  errorParams,
  hideLabel,
  defaultValue,
  ...rest
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const f = useField(name, hint, reply);
  // Passwords are never sent back, so never refilled.
  const typed = rest.type === "password" ? undefined : f.typed;
  return (
    <FieldShell id={f.id} label={label} hideLabel={hideLabel} hint={hint} errors={f.errors} errorParams={errorParams ?? f.params}>
      <input id={f.id} name={name} defaultValue={typed ?? (defaultValue as string | undefined)} {...f.aria} {...rest} />
    </FieldShell>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  reply,
  errorParams,
  defaultValue,
  ...rest
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const f = useField(name, hint, reply);
  return (
    <FieldShell id={f.id} label={label} hint={hint} errors={f.errors} errorParams={errorParams ?? f.params}>
      <textarea id={f.id} name={name} defaultValue={f.typed ?? (defaultValue as string | undefined)} {...f.aria} {...rest} />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  reply,
  errorParams,
  defaultValue,
  options,
  ...rest
}: FieldProps & {
  options: { value: string; label: string }[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const f = useField(name, hint, reply);
  return (
    <FieldShell id={f.id} label={label} hint={hint} errors={f.errors} errorParams={errorParams ?? f.params}>
      <select id={f.id} name={name} defaultValue={f.typed ?? (defaultValue as string | undefined)} {...f.aria} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({
  name,
  label,
  reply,
  ...rest
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const f = useField(name, undefined, reply);
  return (
    <div className="field field-check">
      <input id={f.id} type="checkbox" name={name} {...f.aria} {...rest} />
      <label htmlFor={f.id}>{label}</label>
      <ErrorList id={`${f.id}-error`} errors={f.errors} params={f.params} />
    </div>
  );
}

/** Form-level errors (those not tied to one field), shown above the form. */
export function FormErrors({ reply: explicit }: { reply?: ReplyShape }) {
  const t = useT();
  const reply = useScopedReply(explicit);
  const formErrors = reply?.error?.[""] ?? [];
  const anyField = Object.entries(reply?.error ?? {}).some(([k, v]) => k !== "" && v && v.length);
  if (!formErrors.length && !anyField) return null;
  return (
    <div className="alert alert-error" role="alert">
      {formErrors.length ? formErrors.map((e) => <p key={e}>{t(toMessageKey(e), reply?.params)}</p>) : <p>{t("common.formError")}</p>}
      {formErrors.some((e) => CONTACT_MESSAGE_KEYS.has(e)) ? <ContactLine /> : null}
    </div>
  );
}

export function Notice({ kind = "success", children }: { kind?: "success" | "info" | "error"; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

/** A student's grade (1–12, or not given) and birth year: sign-up and /account. */
export function GradeFields({ grade, birthYear }: { grade?: number | null; birthYear?: number | null }) {
  const t = useT();
  return (
    <>
      <SelectField
        name="grade"
        label={t("profile.grade")}
        hint={t("profile.gradeHint")}
        defaultValue={grade ? String(grade) : ""}
        options={[{ value: "", label: t("profile.gradeNone") }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t("profile.gradeN", { grade: i + 1 }) }))]}
      />
      <TextField name="birthYear" label={t("profile.birthYear")} inputMode="numeric" maxLength={4} defaultValue={birthYear ? String(birthYear) : ""} autoComplete="bday-year" />
    </>
  );
}
