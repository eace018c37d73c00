// Staff edit a course's modules and lessons: rename, add, delete, move up/down (plain forms, no JavaScript).
import { Form, Link } from "@remix-run/react";
import { FormScope, TextField } from "~/components/forms";
import type { EditorModule } from "~/courses/structure.server";
import { useT } from "~/i18n/react";

export function MoveButtons({ intent, idName, id, label, first, last }: { intent: string; idName: string; id: number; label: string; first: boolean; last: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="inline-flex gap-1">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      <button type="submit" name="direction" value="up" className="btn-secondary !min-h-0 !px-2 !py-1" disabled={first} aria-label={t("courses.builder.moveUp", { title: label })}>
        ↑
      </button>
      <button type="submit" name="direction" value="down" className="btn-secondary !min-h-0 !px-2 !py-1" disabled={last} aria-label={t("courses.builder.moveDown", { title: label })}>
        ↓
      </button>
    </Form>
  );
}

function DeleteButton({ intent, idName, id, label }: { intent: string; idName: string; id: number; label: string }) {
  const t = useT();
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      <button type="submit" className="btn-link text-red-800" aria-label={t("courses.builder.delete", { title: label })}>
        {t("courses.builder.deleteShort")}
      </button>
    </Form>
  );
}

export function StructureEditor({ programId, modules }: { programId: number; modules: EditorModule[] }) {
  const t = useT();
  return (
    <div className="space-y-6">
      <ol className="space-y-6">
        {modules.map((m, mi) => {
          const title = m.title;
          return (
            <li key={m.id} className="rounded-md border border-slate-200 p-3" data-module-id={m.id}>
              <div className="flex flex-wrap items-center gap-3">
                <h3 className="text-base">{t("courses.outline.module", { n: mi + 1, title })}</h3>
                <MoveButtons intent="moveModule" idName="moduleId" id={m.id} label={title} first={mi === 0} last={mi === modules.length - 1} />
                <DeleteButton intent="deleteModule" idName="moduleId" id={m.id} label={title} />
              </div>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm">{t("courses.builder.renameModule")}</summary>
                <FormScope match={{ intent: "updateModule", moduleId: m.id }}>
                  <Form method="post" className="mt-2 grid gap-x-4 md:grid-cols-3">
                    <input type="hidden" name="intent" value="updateModule" />
                    <input type="hidden" name="moduleId" value={m.id} />
                    <TextField name="titleVi" label={t("courses.fields.titleVi")} defaultValue={m.titleVi} required />
                    <TextField name="titleEn" label={t("courses.fields.titleEn")} defaultValue={m.titleEn ?? ""} />
                    <div className="self-end pb-4">
                      <button type="submit" className="btn-secondary">
                        {t("common.save")}
                      </button>
                    </div>
                  </Form>
                </FormScope>
              </details>
              <ol className="mt-3 space-y-2">
                {m.lessons.map((l, li) => {
                  const lt = l.title;
                  return (
                    <li key={l.id} className="flex flex-wrap items-center gap-3 border-b border-slate-100 pb-2" data-lesson-title={lt}>
                      <span className="min-w-48 flex-1">
                        {li + 1}. <Link to={`/staff/courses/${programId}/lessons/${l.id}`}>{lt}</Link>{" "}
                        {!l.required ? <span className="badge badge-neutral">{t("courses.outline.optional")}</span> : null}{" "}
                        {l.hasQuiz ? <span className="badge badge-neutral">{t("courses.outline.quiz")}</span> : null}
                      </span>
                      <MoveButtons intent="moveLesson" idName="lessonId" id={l.id} label={lt} first={li === 0} last={li === m.lessons.length - 1} />
                      <Link to={`/staff/courses/${programId}/preview/${l.id}`} className="text-sm">
                        {t("courses.builder.preview")}
                      </Link>
                      <DeleteButton intent="deleteLesson" idName="lessonId" id={l.id} label={lt} />
                    </li>
                  );
                })}
              </ol>
              <FormScope match={{ intent: "addLesson", moduleId: m.id }}>
                <Form method="post" className="mt-3 grid gap-x-4 md:grid-cols-3">
                  <input type="hidden" name="intent" value="addLesson" />
                  <input type="hidden" name="moduleId" value={m.id} />
                  <TextField name="titleVi" label={t("courses.builder.newLessonVi")} required />
                  <TextField name="titleEn" label={t("courses.fields.titleEn")} />
                  <div className="self-end pb-4">
                    <button type="submit" className="btn-secondary">
                      {t("courses.builder.addLesson")}
                    </button>
                  </div>
                </Form>
              </FormScope>
            </li>
          );
        })}
      </ol>
      <FormScope match={{ intent: "addModule" }}>
        <Form method="post" className="card grid gap-x-4 md:grid-cols-3">
          <input type="hidden" name="intent" value="addModule" />
          <TextField name="titleVi" label={t("courses.builder.newModuleVi")} required />
          <TextField name="titleEn" label={t("courses.fields.titleEn")} />
          <div className="self-end pb-4">
            <button type="submit" className="btn">
              {t("courses.builder.addModule")}
            </button>
          </div>
        </Form>
      </FormScope>
    </div>
  );
}
