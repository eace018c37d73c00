// For teachers: each class with the programs its students hold certificates for, and a printable PDF per program.
import type { ClassCertificateGroup } from "~/certificates/views";
import { useT } from "~/i18n/react";

export function TeacherClassCertificates({ classes }: { classes: ClassCertificateGroup[] }) {
  const t = useT();
  return (
    <section className="card mb-6">
      {classes.length === 0 ? (
        <p>{t("certificates.teacher.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("certificates.teacher.class")}</th>
                <th scope="col">{t("certificates.program")}</th>
                <th scope="col">{t("certificates.teacher.count")}</th>
                <th scope="col">
                  <span className="sr-only">{t("certificates.teacher.download")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {classes.map((g) => (
                <tr key={`${g.classId}-${g.programId}`}>
                  <td>{g.className}</td>
                  <td>{g.title}</td>
                  <td className="tabular-nums">{g.count}</td>
                  <td>
                    <a href={`/classes/${g.classId}/certificates.pdf?program=${g.programId}`}>{t("certificates.teacher.download")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
