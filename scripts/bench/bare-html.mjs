// HTML of the bare baselines: the same rows as the app's pages, written with template strings, padded with a
// comment to the byte size of the app's page (measured in the same run) so both send the same amount.
const esc = (s) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const dateFormat = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "medium", timeStyle: "short" });
const money = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND" });
const when = (iso) => (iso ? dateFormat.format(new Date(iso)) : "");

function page(title, main, targetBytes) {
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/assets/app.css"></head><body><header><a href="/">STEM Hub</a><nav><a href="/catalog">Chương trình</a><a href="/login">Đăng nhập</a></nav></header><main>${main}</main><footer>STEM Hub</footer></body></html>`;
  const size = Buffer.byteLength(html);
  if (!targetBytes || size + 9 >= targetBytes) return html;
  // Pad inside a comment just before </body>.
  const pad = targetBytes - size - 7;
  return html.replace("</body>", `<!--${"x".repeat(pad)}--></body>`);
}

export function catalogHtml({ items, total, topics }, targetBytes) {
  const cards = items
    .map(
      (p) =>
        `<li><article class="card"><span class="badge">${esc(p.kind)}</span><h2><a href="${esc(p.href)}">${esc(p.title_vi)}</a></h2><p>${esc(p.summary_vi)}</p>` +
        `<p>Lớp ${p.grade_min ?? ""}–${p.grade_max ?? ""} · ${p.fee_vnd ? money.format(p.fee_vnd) : "Miễn phí"}</p>` +
        `<p>${p.topics.map(esc).join(", ")}</p>${p.nextStart ? `<p>Buổi tiếp theo: ${when(p.nextStart)}</p>` : ""}</article></li>`,
    )
    .join("");
  const options = topics.map((t) => `<option>${esc(t)}</option>`).join("");
  const main = `<h1>Chương trình</h1><form method="get" role="search"><input name="q" type="search"><select name="topic"><option value="">Tất cả</option>${options}</select><button>Tìm</button></form><p>${total} chương trình</p><ul>${cards}</ul>`;
  return page("Chương trình · STEM Hub", main, targetBytes);
}

export function programHtml({ program, topics, sessions }, targetBytes) {
  const list = sessions
    .map(
      (s) =>
        `<li><article class="card"><h3>${when(s.starts_at)}</h3><p>${esc(s.room)} · ${esc(s.instructor_name)}</p><p>Còn ${Math.max(0, s.capacity - s.confirmed_count)}/${s.capacity} chỗ · ${s.waitlist} chờ</p>` +
        `<ul>${s.meetings.map((m) => `<li>${when(m.starts_at)} – ${when(m.ends_at)}</li>`).join("")}</ul>` +
        `<form method="post"><input type="hidden" name="intent" value="register"><input type="hidden" name="sessionId" value="${s.id}"><button>Đăng ký</button></form></article></li>`,
    )
    .join("");
  const main =
    `<article><h1>${esc(program.title_vi)}</h1><p>${esc(program.summary_vi)}</p><div class="prose"><p>${esc(program.description_vi)}</p></div>` +
    `<aside><dl><dt>Đối tượng</dt><dd>Lớp ${program.grade_min ?? ""}–${program.grade_max ?? ""}</dd><dt>Học phí</dt><dd>${program.fee_vnd ? money.format(program.fee_vnd) : "Miễn phí"}</dd><dt>Chủ đề</dt><dd>${topics.map(esc).join(", ")}</dd></dl></aside>` +
    `<section><h2>Các buổi sắp tới</h2><ul>${list}</ul></section></article>`;
  return page(`${program.title_vi} · STEM Hub`, main, targetBytes);
}

export function programHref(kind, slug) {
  return kind === "workshop" ? `/workshops/${slug}` : kind === "course" ? `/courses/${slug}` : `/tours/${slug}`;
}

/** Reads a small form body. */
export function readBody(req, limit = 64 * 1024) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > limit) reject(new Error("too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function sessionIdFrom(req, cookieName = "stemhub_session") {
  const header = req.headers.cookie ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === cookieName) return v.join("=");
  }
  return null;
}

export function send(res, status, body, type = "text/html; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
