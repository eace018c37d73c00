// A lesson's text (sanitised HTML from Markdown) and resources. Video links are buttons, not embeds:
// the CSP forbids frames, and a link works on every phone.
import { isVideoLink, type Resource } from "~/courses/resources";
import { useT } from "~/i18n/react";

export function LessonContent({ html, resources, minutes }: { html: string; resources: Resource[]; minutes: number }) {
  const t = useT();
  const videos = resources.filter((r) => isVideoLink(r.url));
  const files = resources.filter((r) => !isVideoLink(r.url));
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">{t("courses.lesson.estimated", { count: minutes })}</p>
      <div className="prose max-w-none space-y-3 [&_h2]:mt-4 [&_h3]:mt-3 [&_li]:ml-6 [&_ol]:list-decimal [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_ul]:list-disc" dangerouslySetInnerHTML={{ __html: html }} />
      {videos.length ? (
        <section aria-labelledby="lesson-videos" className="space-y-2">
          <h2 id="lesson-videos" className="text-lg">{t("courses.lesson.videos")}</h2>
          <ul className="flex flex-wrap gap-3">
            {videos.map((v) => (
              <li key={v.url}>
                <a href={v.url} className="btn-secondary" target="_blank" rel="noopener noreferrer nofollow">
                  ▶ {t("courses.lesson.watchVideo")}: {v.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {files.length ? (
        <section aria-labelledby="lesson-resources" className="space-y-2">
          <h2 id="lesson-resources" className="text-lg">{t("courses.lesson.resources")}</h2>
          <ul className="list-disc pl-6">
            {files.map((r) => (
              <li key={r.url}>
                <a href={r.url} target="_blank" rel="noopener noreferrer nofollow">
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
