// Form fields with labels and errors next to them; errors are catalogue keys translated here.
import { useActionData } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/react";

interface ReplyShape {
  status?: string;
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null | undefined> | null;
}

/** Reads the last form reply of this route's action (or one passed explicitly, e.g. from a fetcher). */
export function useFormReply(explicit?: { submission?: ReplyShape } | null): ReplyShape | undefined {
  const actionData = useActionData() as { submission?: ReplyShape } | undefined;
  return (explicit ?? actionData)?.submission;
}

export function fieldErrors(reply: ReplyShape | undefined, name: string): string[] {
  return reply?.error?.[name] ?? [];
}

export function fieldValue(reply: ReplyShape | undefined, name: string): string | undefined {
  const v = reply?.initialValue?.[name];
  return typeof v === "string" ? v : undefined;
}

function ErrorList({ id, errors }: { id: string; errors: string[] }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.map((e) => t(e)).join(" ")}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  reply?: ReplyShape;
}

export function TextField({
  name,
  label,
  hint,
  reply: explicit,
  defaultValue,
  ...rest
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = useId();
  const reply = useFormReply(explicit ? { submission: explicit } : undefined);
  const errors = fieldErrors(reply, name);
  const typed = rest.type === "password" ? undefined : fieldValue(reply, name);
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        defaultValue={typed ?? (defaultValue as string | undefined)}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  reply: explicit,
  defaultValue,
  ...rest
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const id = useId();
  const reply = useFormReply(explicit ? { submission: explicit } : undefined);
  const errors = fieldErrors(reply, name);
  const typed = fieldValue(reply, name);
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        defaultValue={typed ?? (defaultValue as string | undefined)}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  reply: explicit,
  defaultValue,
  options,
  ...rest
}: FieldProps & {
  options: { value: string; label: string }[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const id = useId();
  const reply = useFormReply(explicit ? { submission: explicit } : undefined);
  const errors = fieldErrors(reply, name);
  const typed = fieldValue(reply, name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={typed ?? (defaultValue as string | undefined)}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  reply: explicit,
  ...rest
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const id = useId();
  const reply = useFormReply(explicit ? { submission: explicit } : undefined);
  const errors = fieldErrors(reply, name);
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" name={name} aria-invalid={errors.length ? true : undefined} {...rest} />
      <label htmlFor={id}>{label}</label>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** Form-level errors (those not tied to one field), shown above the form. */
export function FormErrors({ reply: explicit }: { reply?: ReplyShape }) {
  const t = useT();
  const reply = useFormReply(explicit ? { submission: explicit } : undefined);
  const formErrors = reply?.error?.[""] ?? [];
  const anyField = Object.entries(reply?.error ?? {}).some(([k, v]) => k !== "" && v && v.length);
  if (!formErrors.length && !anyField) return null;
  return (
    <div className="alert alert-error" role="alert">
      {formErrors.length ? formErrors.map((e) => <p key={e}>{t(e)}</p>) : <p>{t("common.formError")}</p>}
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
