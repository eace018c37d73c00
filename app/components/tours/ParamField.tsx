// A text/number field whose error messages carry parameters (e.g. how many adults are needed), which the
// shared fields cannot: the action answers `params: { field: {...} }` next to the form reply.
import { useId, type InputHTMLAttributes } from "react";
import { fieldErrors, fieldValue, useFormReply } from "~/components/forms";
import { useT } from "~/i18n/react";

export function ParamField({
  name,
  label,
  hint,
  params,
  defaultValue,
  ...rest
}: { name: string; label: string; hint?: string; params?: Record<string, Record<string, number>> } & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const t = useT();
  const id = useId();
  const reply = useFormReply();
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
      <input
        id={id}
        name={name}
        defaultValue={typed ?? (defaultValue as string | undefined)}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      {errors.length ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errors.map((e) => t(e, params?.[name])).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
