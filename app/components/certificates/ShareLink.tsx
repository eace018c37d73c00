// The public verification link of a certificate: a read-only field anyone can select, plus a copy button once
// JavaScript has loaded (without it, the field alone does the job).
import { useEffect, useState } from "react";
import { useT } from "~/i18n/react";

export function ShareLink({ id, url }: { id: string; url: string }) {
  const t = useT();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && !!navigator.clipboard), []);
  return (
    <div className="field mb-0 mt-3">
      <label htmlFor={id}>{t("certificates.shareLink")}</label>
      <div className="flex items-end gap-2">
        <input id={id} type="text" readOnly value={url} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} />
        {canCopy ? (
          <button
            type="button"
            className="btn-secondary shrink-0"
            onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false))}
          >
            <span aria-live="polite">{copied ? t("certificates.copied") : t("certificates.copy")}</span>
          </button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t("certificates.shareHint")}
      </p>
    </div>
  );
}
