// Client-safe display helpers for certificate snapshots.
export function certificateTitle(c: { program_title_vi: string; program_title_en: string | null }, locale: "vi" | "en"): string {
  return locale === "en" && c.program_title_en ? c.program_title_en : c.program_title_vi;
}
