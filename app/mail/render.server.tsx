// Renders an outbox row in a language: subject, a plain-text part and a simple accessible HTML part (React,
// rendered to static markup: every text is escaped), with absolute links. Used by the sender and by the outbox
// preview, so staff see exactly what is sent.
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator, isMessageKey, type Locale } from "~/i18n";
import { localizeParams, type NotificationParams } from "~/notifications/params";
import { isMailTemplate, isOptionalTemplate, listOf } from "./templates";

/** A line of a list in a message (the digest): a catalogue key and its language-neutral parameters. */
export interface MailLine {
  key: string;
  params?: NotificationParams;
  /** Starts a section (shown as a heading). */
  heading?: boolean;
}

/** The stored `params` column: the parameters and, for list messages, their lines (kept under "lines"). */
export function readStoredParams(json: string): { params: NotificationParams; lines: MailLine[] } {
  const { lines, ...params } = JSON.parse(json) as NotificationParams & { lines?: MailLine[] };
  return { params: params as NotificationParams, lines: Array.isArray(lines) ? lines : [] };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Absolute URL of the button, if any. */
  link: string | null;
  /** Absolute URL of the preferences page for optional mail, else null. */
  preferences: string | null;
  /** Absolute one-click unsubscribe URL (List-Unsubscribe, RFC 8058) while the message holds its token. */
  unsubscribe: string | null;
}

export interface RenderInput {
  template: string;
  locale: Locale;
  params: NotificationParams;
  /** Secret parameters ({token}); null once erased after delivery. */
  secret: Record<string, string> | null;
  origin: string;
  lines?: MailLine[];
}

/** Header values never carry a line break (no header injection through a name or a title). */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}

function fill(path: string, secret: Record<string, string> | null): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(secret?.[name] ?? "[removed-after-delivery]"));
}

/** Lines grouped under their headings (a list without a heading is one untitled section). */
function sections(lines: { heading: boolean; text: string }[]): { heading: string | null; items: string[] }[] {
  const out: { heading: string | null; items: string[] }[] = [];
  for (const l of lines) {
    if (l.heading) out.push({ heading: l.text, items: [] });
    else if (out.length === 0) out.push({ heading: null, items: [l.text] });
    else out[out.length - 1].items.push(l.text);
  }
  return out;
}

export function renderEmail(input: RenderInput): RenderedEmail {
  const t = createTranslator(input.locale);
  const known = isMailTemplate(input.template) ? input.template : null;
  const key = (part: string) => `mail.${known ?? "unknown"}.${part}`;
  const params = localizeParams(input.params, t, input.locale);
  const say = (k: string) => (isMessageKey(k) ? t(k, params) : "");
  const subject = oneLine(`${say(key("subject"))} · ${t("app.name")}`);
  const paragraphs = say(key("body")).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const linkPath = typeof input.params.link === "string" ? input.params.link : null;
  const link = linkPath ? `${input.origin}${fill(linkPath, input.secret)}` : null;
  const action = link ? say(key("action")) || t("mail.common.open") : "";
  const preferences = known && isOptionalTemplate(known) ? `${input.origin}/account/email` : null;
  const list = known ? listOf(known) : "optional";
  const unsubscribe =
    preferences && input.secret?.unsubscribe
      ? `${input.origin}/unsubscribe/${encodeURIComponent(input.secret.unsubscribe)}${list === "digest" ? "?list=digest" : ""}`
      : null;
  const lines = (input.lines ?? []).map((l) => ({
    heading: l.heading === true,
    text: isMessageKey(l.key) ? t(l.key, localizeParams(l.params ?? {}, t, input.locale)) : "",
  }));
  const greeting = typeof params.name === "string" ? t("mail.common.greeting", { name: params.name }) : t("mail.common.greetingPlain");
  const footer = !preferences ? t("mail.common.footerEssential") : list === "digest" ? t("mail.common.footerDigest") : t("mail.common.footerOptional");
  const unsubscribeLabel = list === "digest" ? t("mail.common.unsubscribeDigest") : t("mail.common.unsubscribe");
  const signature = t("app.centre");

  const text = [
    greeting,
    ...paragraphs,
    ...lines.map((l) => (l.heading ? l.text.toUpperCase() : `- ${l.text}`)),
    link ? `${action}: ${link}` : null,
    "--",
    signature,
    footer,
    preferences ? `${t("mail.common.preferences")}: ${preferences}` : null,
    unsubscribe ? `${unsubscribeLabel}: ${unsubscribe}` : null,
  ]
    .filter((l): l is string => l !== null)
    .join("\n\n");

  const html =
    "<!doctype html>" +
    renderToStaticMarkup(
      <html lang={input.locale}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{subject}</title>
        </head>
        <body style={{ margin: 0, padding: 0, background: "#f1f5f9", fontFamily: "Arial, Helvetica, sans-serif", color: "#0f172a" }}>
          <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ background: "#f1f5f9" }}>
            <tbody>
              <tr>
                <td align="center" style={{ padding: "24px 12px" }}>
                  <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: 560, background: "#ffffff", borderRadius: 8 }}>
                    <tbody>
                      <tr>
                        <td style={{ background: "#0f766e", color: "#ffffff", padding: "16px 24px", borderRadius: "8px 8px 0 0", fontSize: 18, fontWeight: "bold" }}>
                          {t("app.name")}
                        </td>
                      </tr>
                      <tr>
                        <td style={{ padding: 24, fontSize: 16, lineHeight: 1.5 }}>
                          <p>{greeting}</p>
                          {paragraphs.map((p, i) => (
                            <p key={i}>{p}</p>
                          ))}
                          {sections(lines).map((s, i) => (
                            <div key={i}>
                              {s.heading ? <h2 style={{ fontSize: 17, margin: "20px 0 8px" }}>{s.heading}</h2> : null}
                              {s.items.length ? (
                                <ul style={{ paddingLeft: 20 }}>
                                  {s.items.map((item, j) => (
                                    <li key={j}>{item}</li>
                                  ))}
                                </ul>
                              ) : null}
                            </div>
                          ))}
                          {link ? (
                            <p>
                              <a href={link} style={{ display: "inline-block", background: "#0f766e", color: "#ffffff", padding: "10px 18px", borderRadius: 6, textDecoration: "none" }}>
                                {action}
                              </a>
                            </p>
                          ) : null}
                          {link ? (
                            <p style={{ fontSize: 13, color: "#475569", wordBreak: "break-all" }}>{link}</p>
                          ) : null}
                        </td>
                      </tr>
                      <tr>
                        <td style={{ padding: "16px 24px", fontSize: 13, color: "#475569", borderTop: "1px solid #e2e8f0" }}>
                          <p>{signature}</p>
                          <p>{footer}</p>
                          {preferences ? (
                            <p>
                              <a href={preferences}>{t("mail.common.preferences")}</a>
                              {unsubscribe ? (
                                <>
                                  {" · "}
                                  <a href={unsubscribe}>{unsubscribeLabel}</a>
                                </>
                              ) : null}
                            </p>
                          ) : null}
                        </td>
                      </tr>
                    </tbody>
                  </table>
                </td>
              </tr>
            </tbody>
          </table>
        </body>
      </html>,
    );
  return { subject, text, html, link, preferences, unsubscribe };
}
