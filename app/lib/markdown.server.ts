// Markdown to safe HTML: marked renders, sanitize-html keeps only an allow-list (no script, no event handlers,
// no javascript: links). Used for program descriptions and lesson content.
import { createRequire } from "node:module";
import { marked } from "marked";
import type sanitizeHtmlType from "sanitize-html";

// sanitize-html is needed only when Markdown is saved (pages read stored HTML): loaded then, not at server start.
let sanitizer: typeof sanitizeHtmlType | undefined;
const sanitizeHtml = (html: string, options: sanitizeHtmlType.IOptions) =>
  (sanitizer ??= createRequire(import.meta.url)("sanitize-html") as typeof sanitizeHtmlType)(html, options);

const OPTIONS: sanitizeHtmlType.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del", "s",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "sup", "sub",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } : attribs,
    }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
  },
};
OPTIONS.allowedAttributes = { ...OPTIONS.allowedAttributes, a: ["href", "title", "rel", "target"] };

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown ?? "", { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, OPTIONS);
}

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/**
 * The stored HTML of a bilingual Markdown field, rendered once when it is saved (pages read the `*_html_*`
 * columns, never render): Vietnamese always, English null when the English text is blank, so
 * `localized(row, "<field>_html", locale)` chooses the language exactly as `localized(row, "<field>", locale)`.
 * When these rules change, a migration re-renders what is stored (db/migrations/0012_performance.ts).
 */
export function storedHtml(vi: string | null | undefined, en: string | null | undefined): { vi: string; en: string | null } {
  return { vi: renderMarkdown(vi ?? ""), en: blank(en) ? null : renderMarkdown(en!) };
}
