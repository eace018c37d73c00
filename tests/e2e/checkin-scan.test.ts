// Browser (issue 16): day-of check-in by scanning the student card's QR code with the phone's camera. The teacher
// opens the class's student cards and reads a card's code; Chromium's fake camera then shows a video made here
// from that card's QR code (YUV4MPEG2), and the check-in page on a phone-sized screen scans it: the student is
// checked in. Without JavaScript the scanner is absent, the tap list and the typed code still work. The decoder
// (WebAssembly) is loaded by the check-in page only, on demand.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARD_QR_PREFIX } from "~/guardians/card-code";
import { expectText, launchBrowser, login, startServer, type TestServer } from "../helpers/e2e";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server: TestServer;
let browser: Browser;
let cameraBrowser: Browser | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-scan-"));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await cameraBrowser?.close();
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function withDb<T>(run: (file: SQLite.Database) => T): T {
  const file = new SQLite(server.databasePath, { fileMustExist: true });
  file.pragma("busy_timeout = 5000");
  try {
    return run(file);
  } finally {
    file.close();
  }
}

/**
 * A YUV4MPEG2 video (4:2:0) showing a QR code of `text` black on white in the middle of a 640×480 picture: a
 * header line, then per frame "FRAME\n" and the Y plane, then the U and V planes (128: no colour).
 */
function qrVideo(text: string, file: string, frames = 10): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(width, height) / (size + 2 * quiet) / 1.2);
  const side = (size + 2 * quiet) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (top + (row + quiet) * scale + dy) * width + left + (col + quiet) * scale;
        y.fill(16, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

describe("day-of check-in by scanning the student card", () => {
  it("the teacher reads a card's code; the phone's camera scans that card's QR on the check-in page: the student is checked in", async () => {
    // Today is the visit day of the demo teacher's class booking, confirmed, with two students cleared by a signed slip.
    const setup = withDb((file) => {
      const booking = file
        .prepare(
          "select b.id, b.class_id as classId, b.slot_id as slotId from tour_bookings b join users u on u.id = b.booked_by where u.email = 'teacher@example.com' and b.class_id is not null and b.status = 'requested' order by b.id limit 1",
        )
        .get() as { id: number; classId: number; slotId: number };
      const students = file
        .prepare("select u.id, u.full_name as fullName from class_members m join users u on u.id = m.student_id where m.class_id = ? and u.role = 'student' order by u.id limit 2")
        .all(booking.classId) as { id: number; fullName: string }[];
      const now = new Date().toISOString();
      file.prepare("update tour_slots set starts_at = ?, ends_at = ? where id = ?").run(now, new Date(Date.now() + 3 * 3600_000).toISOString(), booking.slotId);
      file.prepare("update tour_bookings set status = 'confirmed', decided_at = ? where id = ?").run(now, booking.id);
      for (const s of students) {
        file.prepare("insert into tour_booking_students (booking_id, student_id, created_at) values (?, ?, ?) on conflict do nothing").run(booking.id, s.id, now);
        file
          .prepare(
            "insert into permission_slips (booking_id, student_id, status, emergency_phone, signed_name, signed_at, created_at, updated_at) values (?, ?, 'yes', '0912345678', 'Phụ Huynh', ?, ?, ?) on conflict (booking_id, student_id) do update set status = 'yes'",
          )
          .run(booking.id, s.id, now, now, now);
      }
      return { booking, students };
    });
    const [scanned, tapped] = setup.students;
    expect(tapped).toBeDefined();

    // The teacher opens the class's student cards (a tab of the class) and reads the first student's card.
    const desk = await browser.newContext();
    const teacher = await desk.newPage();
    await login(teacher, server.url, "teacher@example.com");
    await teacher.goto(`${server.url}/classes/${setup.booking.classId}`);
    await Promise.all([teacher.waitForURL(/\/cards$/), teacher.getByRole("link", { name: "Thẻ học sinh", exact: true }).click()]);
    const card = teacher.getByTestId("student-card").filter({ hasText: scanned.fullName });
    // The address changes just before the new page renders: wait for the card itself.
    await card.waitFor();
    await expect(card.locator("img").count()).resolves.toBe(1);
    const printed = ((await card.getByTestId("card-code").textContent()) ?? "").trim();
    expect(printed).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await desk.close();

    // The phone's camera sees that card's QR code.
    const video = path.join(dir, "card.y4m");
    qrVideo(`${CARD_QR_PREFIX}${printed.replace(/-/g, "")}`, video);
    cameraBrowser = await launchBrowser({ fakeCamera: video });
    const phoneCtx = await cameraBrowser.newContext({ viewport: { width: 390, height: 844 }, permissions: ["camera"] });
    const phone = await phoneCtx.newPage();
    const wasmRequests: string[] = [];
    phone.on("request", (r) => {
      if (r.url().endsWith(".wasm")) wasmRequests.push(r.url());
    });
    await login(phone, server.url, "teacher@example.com");
    await phone.goto(`${server.url}/bookings/${setup.booking.id}/checkin`);
    await expectText(phone.getByTestId("checkin-count"), "0/2 đã có mặt");
    // Nothing of the decoder is loaded before the camera is opened.
    expect(wasmRequests).toEqual([]);
    await phone.getByRole("button", { name: "Mở camera để quét thẻ" }).click();
    await expectText(phone.getByTestId("scan-name"), scanned.fullName, { timeoutMs: 30_000 });
    await expectText(phone.getByTestId("scan-result"), "Đã điểm danh");
    // From our own origin, never a CDN.
    expect(wasmRequests.length).toBeGreaterThan(0);
    for (const url of wasmRequests) expect(url.startsWith(`${server.url}/assets/`)).toBe(true);
    // The list follows (the fetcher's action revalidates the page): checked in, and the count.
    await expectText(phone.getByTestId("checkin-count"), "1/2 đã có mặt");
    await expectText(phone.locator(`#student-${scanned.id}`), "Đã có mặt lúc");
    // It keeps scanning: the same card again a few seconds later is harmless ("already").
    await expectText(phone.getByTestId("scan-result"), "Đã điểm danh trước đó", { timeoutMs: 15_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The page while scanning, with its result shown: no WCAG 2 A/AA violation (axe-core).
    await phone.evaluate(axeSource);
    const axe = await phone.evaluate(() =>
      (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string }[] }> } }).axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] }),
    );
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await phoneCtx.close();

    const row = withDb((file) =>
      file.prepare("select checked_in_at, checked_in_by from tour_booking_students where booking_id = ? and student_id = ?").get(setup.booking.id, scanned.id),
    ) as { checked_in_at: string | null; checked_in_by: number | null };
    expect(row.checked_in_at).not.toBeNull();
    const audits = withDb((file) => file.prepare("select count(*) as n from audit_events where action = 'slip.checkIn' and subject_id = ?").get(String(setup.booking.id))) as { n: number };
    expect(audits.n).toBe(1);

    // Without JavaScript: no scanner, a line says why; the tap list and the typed code work.
    const plainCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const plain = await plainCtx.newPage();
    await login(plain, server.url, "teacher@example.com");
    await plain.goto(`${server.url}/bookings/${setup.booking.id}/checkin`);
    expect(await plain.getByTestId("card-scanner").count()).toBe(0);
    await expectText(plain.locator("main"), "Máy quét mã QR cần JavaScript và camera");
    await Promise.all([plain.waitForURL(/\/checkin/), plain.getByRole("button", { name: `${tapped.fullName} có mặt` }).click()]);
    await expectText(plain.getByTestId("checkin-count"), "2/2 đã có mặt");
    await expectText(plain.locator(`#student-${tapped.id}`), "Đã có mặt lúc");
    await plain.getByLabel("Mã trên thẻ học sinh").fill(printed.toLowerCase());
    await Promise.all([plain.waitForLoadState("load"), plain.getByRole("button", { name: "Điểm danh theo mã" }).click()]);
    await expectText(plain.getByTestId("scan-result"), "Đã điểm danh trước đó");
    await expectText(plain.getByTestId("scan-name"), scanned.fullName);
    await plain.getByLabel("Mã trên thẻ học sinh").fill("ABCD-EFGH-JKMN-PQRS");
    await plain.getByRole("button", { name: "Điểm danh theo mã" }).click();
    await expectText(plain.locator("main"), "Không nhận ra thẻ này");
    await plainCtx.close();
  });

  // After the first test: the booking it confirmed for today.
  it("without a camera the scanner says so and the list stays", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator, "mediaDevices", { value: { getUserMedia: () => Promise.reject(new DOMException("none", "NotFoundError")) } });
    });
    await login(page, server.url, "teacher@example.com");
    const id = withDb((file) => (file.prepare("select b.id from tour_bookings b join users u on u.id = b.booked_by where u.email = 'teacher@example.com' and b.status = 'confirmed' and b.class_id is not null order by b.id limit 1").get() as { id: number }).id);
    await page.goto(`${server.url}/bookings/${id}/checkin`);
    await page.getByRole("button", { name: "Mở camera để quét thẻ" }).click();
    await expectText(page.getByTestId("scan-failed"), "Không mở được camera");
    expect(await page.locator("li[id^='student-'] button").count()).toBeGreaterThan(0);
    await ctx.close();
  });

  it("the decoder is in no route's bundle: the check-in page loads it on demand", () => {
    const assets = path.resolve("build", "client", "assets");
    const manifestFile = fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f))!;
    const text = fs.readFileSync(path.join(assets, manifestFile), "utf8");
    const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
      entry: { module: string; imports?: string[] };
      routes: Record<string, { module: string; imports?: string[] }>;
    };
    const decoder = fs.readdirSync(assets).filter((f) => /^qr-decoder/.test(f));
    expect(decoder).toHaveLength(1);
    const statics = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (const route of Object.values(manifest.routes)) for (const f of [route.module, ...(route.imports ?? [])]) statics.add(f);
    for (const f of statics) {
      expect(f).not.toMatch(/qr-decoder|zxing/);
      const body = fs.readFileSync(path.join(path.resolve("build", "client"), f.replace(/^\//, "")), "utf8");
      expect(body.includes("zxing_reader")).toBe(false);
    }
    expect(manifest.routes["routes/bookings.$id_.checkin"]).toBeDefined();
  });
});
