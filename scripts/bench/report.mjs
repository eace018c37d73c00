// The printed report: every figure beside its baseline with the ratio, then the goals of issues 17 and 13.
const nf0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });

const num = (v) => (v === null || v === undefined || Number.isNaN(v) ? "–" : v >= 100 ? nf0.format(v) : nf1.format(v));
const ms = (v) => (v === null || v === undefined ? "–" : `${v >= 100 ? nf0.format(v) : nf1.format(v)} ms`);
const mb = (v) => (v === null || v === undefined ? "–" : `${nf0.format(v)} MB`);
const ratio = (a, b) => (a === null || a === undefined || !b ? null : a / b);
const x = (r) => (r === null || r === undefined ? "–" : `${r >= 10 ? nf1.format(r) : nf2.format(r)}×`);

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c ?? "").padEnd(widths[i]) : String(c ?? "").padStart(widths[i]))).join("  ");
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

const goals = [];
function goal(text, value, met) {
  goals.push({ text, value, met });
  return met === null || met === undefined ? "n/a" : met ? "met" : "NOT MET";
}

function section(title) {
  console.log(`\n== ${title} ==\n`);
}

function outcomeText(outcomes) {
  if (!outcomes?.length) return "–";
  const texts = outcomes.map((o) => `${o.confirmed ?? 0} confirmed + ${o.waitlisted ?? 0} waitlisted`);
  const uniq = [...new Set(texts)];
  return uniq.length === 1 ? `${uniq[0]} (every round)` : texts.join("; ");
}

function errorsText(reg, label = "") {
  if (!reg) return "";
  return reg.errorCount ? `, ${label}${reg.errorCount} unexpected answers ${JSON.stringify(reg.errors)}` : "";
}

/** Correctness of a storm: every request answered as expected and every student landed in the session. */
const checks = [];
function checkStorm(where, st, students) {
  if (!st) return;
  const landed = st.outcomes.map((o) => (o.confirmed ?? 0) + (o.waitlisted ?? 0));
  const ok = !st.registration.errorCount && landed.every((n) => n === students);
  checks.push({
    where,
    ok,
    text: ok
      ? `${students}/${students} registered in every round, all answers as expected`
      : `${st.registration.errorCount} unexpected answers ${JSON.stringify(st.registration.errors)}; registered per round: ${landed.join(", ")} of ${students}`,
  });
}

function printSqlite(s, opts) {
  section(`SQLite: stem-hub (production build, node server/index.mjs) vs bare node:http + better-sqlite3, ${s.dataSet} data set`);
  const a = s.app ?? {};
  const b = s.bare ?? {};
  const form = a.storms?.form;
  const data = a.storms?.data;
  const bareReg = b.storms?.bare;
  const rows = [];
  const r1 = ratio(a.catalog?.rps, b.catalog?.rps);
  rows.push([`/catalog req/s (${opts.connections} conn.)`, num(a.catalog?.rps), num(b.catalog?.rps), x(r1), "≥ 0.3×", goal("/catalog req/s ≥ 0.3× bare (SQLite)", x(r1), r1 === null ? null : r1 >= 0.3)]);
  rows.push(["/catalog p50 / p99", `${ms(a.catalog?.p50)} / ${ms(a.catalog?.p99)}`, `${ms(b.catalog?.p50)} / ${ms(b.catalog?.p99)}`, x(ratio(a.catalog?.p99, b.catalog?.p99)), "", ""]);
  const r2 = ratio(a.program?.rps, b.program?.rps);
  rows.push([`program page req/s (${opts.connections} conn.)`, num(a.program?.rps), num(b.program?.rps), x(r2), "≥ 0.3×", goal("program page req/s ≥ 0.3× bare (SQLite)", x(r2), r2 === null ? null : r2 >= 0.3)]);
  rows.push(["program page p50 / p99", `${ms(a.program?.p50)} / ${ms(a.program?.p99)}`, `${ms(b.program?.p50)} / ${ms(b.program?.p99)}`, x(ratio(a.program?.p99, b.program?.p99)), "", ""]);
  checkStorm("SQLite form post", form, opts.stormStudents);
  checkStorm("SQLite .data", data, opts.stormStudents);
  checkStorm("SQLite bare", bareReg, opts.stormStudents);
  rows.push([`registration, form post (+ redirect) p50`, ms(form?.registration.p50), ms(bareReg?.registration.p50), x(ratio(form?.registration.p50, bareReg?.registration.p50)), "", ""]);
  const r3 = ratio(form?.registration.p99, bareReg?.registration.p99);
  rows.push([`registration, form post (+ redirect) p99`, ms(form?.registration.p99), ms(bareReg?.registration.p99), x(r3), "≤ 5×", goal("registration p99 ≤ 5× bare as a no-JS form post (SQLite)", x(r3), r3 === null ? null : r3 <= 5)]);
  rows.push([`registration, .data p50`, ms(data?.registration.p50), ms(bareReg?.registration.p50), x(ratio(data?.registration.p50, bareReg?.registration.p50)), "", ""]);
  const r4 = ratio(data?.registration.p99, bareReg?.registration.p99);
  rows.push([`registration, .data p99`, ms(data?.registration.p99), ms(bareReg?.registration.p99), x(r4), "≤ 3×", goal("registration p99 ≤ 3× bare through .data (SQLite)", x(r4), r4 === null ? null : r4 <= 3)]);
  const idle = a.probeIdle?.p99;
  const r5 = ratio(form?.probe.p99, idle);
  const r6 = ratio(data?.probe.p99, idle);
  const worst = r5 === null && r6 === null ? null : Math.max(r5 ?? 0, r6 ?? 0);
  goal("/catalog p99 during the storm ≤ 3× idle (SQLite, worse of form and .data)", x(worst), worst === null ? null : worst <= 3);
  const mark = (r) => (r === null ? "n/a" : r <= 3 ? "met" : "NOT MET");
  rows.push([`/catalog p99 in form storm vs idle`, ms(form?.probe.p99), `idle ${ms(idle)}`, x(r5), "≤ 3×", mark(r5)]);
  rows.push([`/catalog p99 in .data storm vs idle`, ms(data?.probe.p99), `idle ${ms(idle)}`, x(r6), "≤ 3×", mark(r6)]);
  rows.push([`bare: /catalog p99 in storm vs idle`, ms(bareReg?.probe.p99), `idle ${ms(b.probeIdle?.p99)}`, x(ratio(bareReg?.probe.p99, b.probeIdle?.p99)), "", ""]);
  rows.push(["server RSS idle", mb(a.rssIdleMb), mb(b.rssIdleMb), x(ratio(a.rssIdleMb, b.rssIdleMb)), "", ""]);
  rows.push(["server RSS peak (all of the above)", mb(a.rssPeakMb), mb(b.rssPeakMb), x(ratio(a.rssPeakMb, b.rssPeakMb)), "≤ 250 MB", goal("peak RSS ≤ 250 MB (SQLite)", mb(a.rssPeakMb), a.rssPeakMb === undefined ? null : a.rssPeakMb <= 250)]);
  const cs = s.coldStart?.medianMs;
  rows.push([`cold start to /healthz 200 (median of ${s.coldStart?.allMs?.length ?? 0})`, ms(cs), ms(s.bareColdStart?.medianMs), x(ratio(cs, s.bareColdStart?.medianMs)), "≤ 1 s", goal("cold start ≤ 1 s", ms(cs), cs === undefined ? null : cs <= 1000)]);
  table(["what", "stem-hub", "baseline", "ratio", "goal", ""], rows);
  console.log("");
  console.log(`page sizes (app / bare, bytes): /catalog ${s.sizes?.catalog ?? "–"} / ${s.bareSizes?.catalog ?? "–"}, program page ${s.sizes?.program ?? "–"} / ${s.bareSizes?.program ?? "–"}`);
  console.log(`registrations landed: form ${outcomeText(form?.outcomes)}; .data ${outcomeText(data?.outcomes)}; bare ${outcomeText(bareReg?.outcomes)}`);
  console.log(`answers: form ${JSON.stringify(form?.registration.statuses ?? {})} (${form?.registration.redirects ?? 0} redirects followed)${errorsText(form?.registration)}; .data ${JSON.stringify(data?.registration.statuses ?? {})}${errorsText(data?.registration)}`);
  for (const [name, r] of [["app /catalog", a.catalog], ["app program", a.program], ["bare /catalog", b.catalog], ["bare program", b.program]]) {
    if (r?.errorCount) console.log(`WARNING: ${name}: ${r.errorCount} unexpected answers ${JSON.stringify(r.errors)}`);
    if (r?.clientCpu > 0.9) console.log(`note: ${name}: the load generator used ${nf0.format(r.clientCpu * 100)}% of a core; the server may have been faster than measured`);
  }
}

function printPages(pages) {
  const sets = Object.keys(pages);
  const hasLarge = sets.includes("large");
  section(`Pages: server time at 1k${hasLarge ? " vs 100k" : ""} students (median of sequential requests, loopback; SQL statements per request)`);
  const names = Object.keys(pages.small ?? pages[sets[0]] ?? {});
  const rows = [];
  let worst = null;
  let allFixed = true;
  for (const name of names) {
    const s = pages.small?.[name];
    const l = pages.large?.[name];
    const cell = (p) => (!p ? "–" : p.missing ? "no fixture" : p.notBuilt ? "not built (404)" : p.status !== 200 ? `HTTP ${p.status}` : `${ms(p.medianMs)} (${p.statements === null ? "?" : num(p.statements)})`);
    const ok = (p) => p && !p.missing && !p.notBuilt && p.status === 200;
    const r = ok(s) && ok(l) ? ratio(l.medianMs, s.medianMs) : null;
    if (r !== null) worst = Math.max(worst ?? 0, r);
    if (ok(s) && ok(l) && s.statements !== l.statements) allFixed = false;
    rows.push([name, cell(s), hasLarge ? cell(l) : "–", x(r), r === null ? "" : r <= 2 ? "≤ 2× met" : "≤ 2× NOT MET"]);
  }
  table(["page (as)", "1k students", "100k students", "ratio", "goal"], rows);
  goal("every page ≤ 2× slower at 100× the data (worst page)", x(worst), worst === null ? null : worst <= 2);
  if (hasLarge) console.log(`\nstatements per request ${allFixed ? "are the same at both sizes" : "GROW with the data on some pages (see the brackets)"}`);
}

function printPostgres(pg, sqlite, opts) {
  if (pg.skipped) {
    section("PostgreSQL");
    console.log(`skipped: ${pg.skipped}`);
    goal("PostgreSQL: 2 instances ≥ 1.4× the catalogue req/s of 1", "skipped", null);
    goal("PostgreSQL: registration p99 < 3× bare pg", "skipped", null);
    return;
  }
  checkStorm("PostgreSQL bare", pg.bare?.storms?.bare, opts.stormStudents);
  section(`PostgreSQL (${pg.version}, ${pg.dataSet} data set): stem-hub with WEB_CONCURRENCY = 1, 2, 4 beside SQLite and a bare node:http + pg server`);
  const inst = Object.keys(pg.instances).map(Number).sort((a, b) => a - b);
  const cols = [["SQLite ×1", sqlite?.app], ...inst.map((n) => [`PG ×${n}`, pg.instances[n]]), ["bare pg", pg.bare]];
  const regOf = (m, v) => (m === pg.bare ? m?.storms?.bare : m?.storms?.[v]);
  const rows = [
    [`catalogue req/s (${opts.connections} conn.)`, ...cols.map(([, m]) => num(m?.catalog?.rps))],
    ["catalogue p99", ...cols.map(([, m]) => ms(m?.catalog?.p99))],
    ["registration .data p50", ...cols.map(([, m]) => ms(regOf(m, "data")?.registration.p50))],
    ["registration .data p99", ...cols.map(([, m]) => ms(regOf(m, "data")?.registration.p99))],
    ["registration form post p99", ...cols.map(([, m]) => (m === pg.bare ? "(same)" : ms(m?.storms?.form?.registration.p99)))],
    ["catalogue p99 idle", ...cols.map(([, m]) => ms(m?.probeIdle?.p99))],
    ["catalogue p99 in .data storm", ...cols.map(([, m]) => ms(regOf(m, "data")?.probe.p99))],
    ["catalogue p99 in form storm", ...cols.map(([, m]) => (m === pg.bare ? "(same)" : ms(m?.storms?.form?.probe.p99)))],
    ["RSS peak (all processes)", ...cols.map(([, m]) => mb(m?.rssPeakMb))],
    ["cold start to /healthz", ...cols.map(([, m]) => ms(m?.coldStartMs))],
  ];
  table(["what", ...cols.map(([n]) => n)], rows);
  const bareP99 = pg.bare?.storms?.bare?.registration.p99;
  console.log("");
  const ratios = [];
  for (const n of inst) {
    const m = pg.instances[n];
    const rd = ratio(m?.storms?.data?.registration.p99, bareP99);
    const rf = ratio(m?.storms?.form?.registration.p99, bareP99);
    ratios.push(rd);
    checkStorm(`PostgreSQL ×${n} .data`, m?.storms?.data, opts.stormStudents);
    checkStorm(`PostgreSQL ×${n} form post`, m?.storms?.form, opts.stormStudents);
    console.log(
      `PG ×${n}: catalogue req/s ${x(ratio(m?.catalog?.rps, pg.bare?.catalog?.rps))} of bare pg; registration p99 ${x(rd)} of bare pg (.data), ${x(rf)} (form post); ` +
        `catalogue p99 in storm ${x(ratio(m?.storms?.data?.probe.p99, m?.probeIdle?.p99))} of idle; registrations ${outcomeText(m?.storms?.data?.outcomes)}${errorsText(m?.storms?.data?.registration, ".data: ")}${errorsText(m?.storms?.form?.registration, "form: ")}`,
    );
  }
  const scale = ratio(pg.instances[2]?.catalog?.rps, pg.instances[1]?.catalog?.rps);
  console.log(`PG ×2 / PG ×1 catalogue req/s: ${x(scale)}; PG ×4 / PG ×1: ${x(ratio(pg.instances[4]?.catalog?.rps, pg.instances[1]?.catalog?.rps))}`);
  goal("PostgreSQL: 2 instances ≥ 1.4× the catalogue req/s of 1", x(scale), scale === null ? null : scale >= 1.4);
  const worst = ratios.some((r) => r === null) ? null : Math.max(...ratios);
  goal("PostgreSQL: registration p99 < 3× bare pg (.data, worst instance count)", x(worst), worst === null ? null : worst < 3);
}

export function printReport(results) {
  goals.length = 0;
  checks.length = 0;
  const o = results.options;
  console.log("\n================================================================================================");
  console.log(`stem-hub benchmark  ${results.startedAt}  (${results.git})`);
  console.log(
    `machine: ${results.machine.cpus} × ${results.machine.model}, node ${results.machine.node}, load average ${results.machine.loadAvgAtStart.map((v) => v.toFixed(1)).join(" ")} at start, ${results.machine.loadAvgAtEnd?.map((v) => v.toFixed(1)).join(" ")} at end`,
  );
  console.log(
    `load: closed loop, ${o.connections} connections, ${o.warmupMs / 1000} s warm-up + ${o.durationMs / 1000} s; storm: ${o.stormStudents} students at ${o.stormConnections} connections × ${o.rounds} round(s), ` +
      `catalogue probe at ${o.probeConnections} connections${o.quick ? "; --quick: short runs, small set only (noisy)" : ""}`,
  );
  for (const [name, d] of Object.entries(results.dataSets)) console.log(`data set ${name}: ${nf0.format(d.users)} users, ${nf0.format(d.rows.lesson_completions)} lesson completions, ${nf0.format(d.rows.workshop_registrations)} registrations (${d.cached ? "cached" : "generated"} ${d.generatedAt})`);
  if (results.buildStale) console.log("WARNING: the build was older than the sources");
  if (results.sqlite) printSqlite(results.sqlite, o);
  if (results.pages) printPages(results.pages);
  if (results.postgres) printPostgres(results.postgres, results.sqlite, o);
  section("Goals (issues 17 and 13)");
  for (const g of goals) console.log(`${g.met === null || g.met === undefined ? "[n/a]    " : g.met ? "[met]    " : "[NOT MET]"} ${g.text}: ${g.value}`);
  if (checks.length) {
    section("Registration storms: did every request do what it should? (not a performance goal)");
    for (const c of checks) console.log(`${c.ok ? "[ok]    " : "[FAILED]"} ${c.where}: ${c.text}`);
    if (checks.some((c) => !c.ok)) console.log("(the registration latencies above include the failed answers; the server log has their errors)");
  }
  if (results.problems.length) {
    section("Problems during the run");
    for (const p of results.problems) console.log(`${p.where}: ${p.message}`);
  }
}
