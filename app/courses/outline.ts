// Where "continue" leads: the first required lesson not done yet, else the first lesson not done, else the first.
export function continueLessonId(lessons: { id: number; required: boolean }[], completed: ReadonlySet<number>): number | null {
  const pending = lessons.find((l) => l.required && !completed.has(l.id)) ?? lessons.find((l) => !completed.has(l.id)) ?? lessons[0];
  return pending ? pending.id : null;
}
