// Loaders and actions with real Requests: who may see what, and bad input → 4xx, never 500.
import { loader as classPageLoader } from "~/routes/classes.$classId._index";
import { describe, expect, it } from "vitest";
import { issueCertificate } from "~/certificates/issue.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { loader as listLoader } from "~/routes/certificates._index";
import { loader as viewLoader } from "~/routes/certificates.$id";
import { loader as pdfLoader } from "~/routes/certificates.$id[.pdf]";
import { loader as classPdfLoader } from "~/routes/classes.$classId.certificates[.pdf]";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { createTestClass, createTestSchool, createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { createTestProgram } from "../helpers/certificates";
import { extractPdfText } from "../helpers/documents";
import { NOW } from "../helpers/instants";

async function earned(fullName: string, programId?: number) {
  const u = await createTestUser({ fullName });
  const pid = programId ?? (await createTestProgram("course"));
  const r = await issueCertificate(db, { userId: u.id, programId: pid, kind: "course", now: NOW });
  if (!r.ok) throw new Error(r.reason);
  return { user: u, cert: r.value.certificate, programId: pid };
}

describe("a student's certificates", () => {
  it("/certificates lists only mine, with a share link to /verify/:code", async () => {
    const me = await earned("Trần Đức Việt");
    await earned("Người khác");
    const res = await callLoader(listLoader, await makeRequest("/certificates", { userId: me.user.id }));
    expect(res.status).toBe(200);
    expect(res.data.items.map((c: { id: number }) => c.id)).toEqual([me.cert.id]);
    expect(res.data.items[0].verifyUrl).toBe(`http://localhost:3000/verify/${me.cert.code}`);
    expect((await callLoader(listLoader, await makeRequest("/certificates"))).status).toBe(302);
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(listLoader, await makeRequest("/certificates", { userId: staff.id }))).location).toBe("/staff/certificates");
    // PUBLIC_ORIGIN, when set, is what links and QR codes point to, however staff reached the server.
    env.publicOrigin = "https://stem.example.vn";
    try {
      const pub = await callLoader(listLoader, await makeRequest("/certificates", { userId: me.user.id }));
      expect(pub.data.items[0].verifyUrl).toBe(`https://stem.example.vn/verify/${me.cert.code}`);
    } finally {
      env.publicOrigin = "";
    }
    const junk = await callLoader(listLoader, await makeRequest("/certificates?page=-3", { userId: me.user.id }));
    expect(junk.status).toBe(200);
  });

  it("the owner and staff open the HTML view and the PDF; another student, a teacher and anonymous cannot", async () => {
    const me = await earned("Lê Ngọc Ánh");
    const other = await createTestUser();
    const teacher = await createTestUser({ role: "teacher" });
    const staff = await createTestUser({ role: "staff" });
    const params = { id: String(me.cert.id) };
    const view = await callLoader(viewLoader, await makeRequest(`/certificates/${me.cert.id}`, { userId: me.user.id }), params);
    expect(view.status).toBe(200);
    expect(view.data.certificate.recipientName).toBe("Lê Ngọc Ánh");
    expect(view.data.qr).toMatch(/^data:image\/svg\+xml;base64,/);

    const pdf = await callLoader(pdfLoader, await makeRequest(`/certificates/${me.cert.id}.pdf`, { userId: me.user.id }), params);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect((await callLoader(pdfLoader, await makeRequest(`/certificates/${me.cert.id}.pdf`, { userId: staff.id }), params)).status).toBe(
      200
    );

    for (const intruder of [other, teacher]) {
      expect((await callLoader(viewLoader, await makeRequest(`/certificates/${me.cert.id}`, { userId: intruder.id }), params)).status).toBe(
        404
      );
      expect(
        (await callLoader(pdfLoader, await makeRequest(`/certificates/${me.cert.id}.pdf`, { userId: intruder.id }), params)).status
      ).toBe(404);
    }
    expect((await callLoader(pdfLoader, await makeRequest(`/certificates/${me.cert.id}.pdf`), params)).status).toBe(302);
    for (const bad of ["abc", "-1", "1e3x", "99999999999999", "0"]) {
      expect((await callLoader(pdfLoader, await makeRequest(`/certificates/${bad}.pdf`, { userId: me.user.id }), { id: bad })).status).toBe(
        404
      );
      expect((await callLoader(viewLoader, await makeRequest(`/certificates/${bad}`, { userId: me.user.id }), { id: bad })).status).toBe(
        404
      );
    }
  });

  it("titles programs in the reader's language in my list and on the dashboard", async () => {
    const me = await earned("Lê Văn Tám");
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", me.user.id).execute();
    const list = await callLoader(listLoader, await makeRequest("/certificates", { userId: me.user.id }));
    expect(list.data.items[0].title).toBe(me.cert.program_title_en);
    const dash = await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: me.user.id }));
    expect(dash.data.certificates.latest[0].title).toBe(me.cert.program_title_en);
    await db.updateTable("users").set({ locale: "vi" }).where("id", "=", me.user.id).execute();
    const vi = await callLoader(listLoader, await makeRequest("/certificates", { userId: me.user.id }));
    expect(vi.data.items[0].title).toBe(me.cert.program_title_vi);
  });

  it("the dashboard panel shows my latest certificates", async () => {
    const me = await earned("Nguyễn Thị Phương Thảo");
    const res = await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: me.user.id }));
    expect(res.data.certificates.role).toBe("student");
    expect(res.data.certificates.total).toBe(1);
    expect(res.data.certificates.latest.map((c: { id: number }) => c.id)).toEqual([me.cert.id]);
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: staff.id }))).data.certificates).toBeNull();
  });
});

describe("teachers print a class's certificates", () => {
  it("one multi-page PDF for the class's teacher; 404 for a teacher outside the class; 403 for students; 400 for bad input", async () => {
    const schoolId = await createTestSchool();
    const programId = await createTestProgram("course", "Nhập môn IoT với Arduino");
    const a = await earned("Trần Đức Việt", programId);
    const b = await earned("Lê Ngọc Ánh", programId);
    const outsider = await earned("Người ngoài lớp", programId);
    const teacher = await createTestUser({ role: "teacher" });
    // Members since before the certificates, of a class that runs the course: its teacher sees them (issue 11).
    const classId = await createTestClass({ ownerId: teacher.id, studentIds: [a.user.id, b.user.id], schoolId, joinedAt: "2026-01-01T00:00:00.000Z", courses: [programId] });
    const url = `/classes/${classId}/certificates.pdf?program=${programId}`;
    const params = { classId: String(classId) };
    const ok = await callLoader(classPdfLoader, await makeRequest(url, { userId: teacher.id }), params);
    expect(ok.status).toBe(200);
    const pages = await extractPdfText(await pdfBytes(url, teacher.id, params));
    // Sorted by given name: Ánh before Việt; the student outside the class is not included.
    expect(pages.map((lines) => lines.find((l) => l === "Lê Ngọc Ánh" || l === "Trần Đức Việt"))).toEqual(["Lê Ngọc Ánh", "Trần Đức Việt"]);
    expect(pages.flat()).not.toContain(outsider.cert.recipient_name);

    // The teacher's /certificates page and dashboard list the class with the program and its count.
    const list = await callLoader(listLoader, await makeRequest("/certificates", { userId: teacher.id }));
    expect(list.data.classes).toEqual([
      { classId, className: expect.any(String), programId, title: "Nhập môn IoT với Arduino", count: 2 },
    ]);
    const dash = await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: teacher.id }));
    expect(dash.data.certificates).toMatchObject({ role: "teacher", classes: [{ classId, programId, count: 2 }] });

    // The class page links to the same PDF.
    const classPage = await callLoader(classPageLoader, await makeRequest(`/classes/${classId}`, { userId: teacher.id }), params);
    expect(classPage.data.certificates).toEqual([expect.objectContaining({ classId, programId, count: 2 })]);

    const otherTeacher = await createTestUser({ role: "teacher" });
    expect((await callLoader(listLoader, await makeRequest("/certificates", { userId: otherTeacher.id }))).data.classes).toEqual([]);
    expect((await callLoader(classPdfLoader, await makeRequest(url, { userId: otherTeacher.id }), params)).status).toBe(404);
    expect((await callLoader(classPdfLoader, await makeRequest(url, { userId: a.user.id }), params)).status).toBe(403);
    expect((await callLoader(classPdfLoader, await makeRequest(url), params)).status).toBe(302);
    expect(
      (
        await callLoader(
          classPdfLoader,
          await makeRequest(`/classes/${classId}/certificates.pdf?program=abc`, { userId: teacher.id }),
          params
        )
      ).status
    ).toBe(400);
    expect(
      (
        await callLoader(classPdfLoader, await makeRequest(`/classes/x/certificates.pdf?program=1`, { userId: teacher.id }), {
          classId: "x",
        })
      ).status
    ).toBe(400);
    const none = await createTestProgram("course");
    expect(
      (
        await callLoader(
          classPdfLoader,
          await makeRequest(`/classes/${classId}/certificates.pdf?program=${none}`, { userId: teacher.id }),
          params
        )
      ).status
    ).toBe(404);
  });
});

async function pdfBytes(url: string, userId: number, params: Record<string, string>): Promise<Uint8Array> {
  const res = (await classPdfLoader({
    request: await makeRequest(url, { userId }),
    params,
    context: { clientIp: "127.0.0.1", cspNonce: "t" },
  })) as Response;
  return new Uint8Array(await res.arrayBuffer());
}
