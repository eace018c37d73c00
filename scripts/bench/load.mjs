// A small closed-loop HTTP load generator on node:http with keep-alive agents (no dependency): N connections,
// each sends its next request as soon as the previous response has been read to the end. Latency is measured
// from writing the request to the last byte of the response (plus the redirected page when `follow` is set).
//
// Jobs:
//   { name, kind: "timed", connections, warmupMs, durationMs, requests: [req, …] }  cycles through requests
//   { name, kind: "list",  connections, requests: [req, …] }                          each request once
// runJobs(baseUrl, jobs, { stopWhenFirstEnds, raw }) runs them at the same time; with stopWhenFirstEnds the
// timed jobs stop when the list job has had its last answer (a probe measured "during" a storm); raw returns
// every latency too (to merge rounds).
import http from "node:http";

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(latencies, extra = {}) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    ...extra,
  };
}

function statusClass(code) {
  return `${Math.floor(code / 100)}xx`;
}

/** One request, resolved with { status, bytes } once the body has been read. */
function send(agent, base, req) {
  return new Promise((resolve) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers = { ...req.headers };
    if (body) headers["content-length"] = String(body.length);
    const r = http.request({ agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, location: res.headers.location }));
      res.on("error", (e) => resolve({ status: 0, bytes, error: e.code || e.message }));
    });
    r.on("error", (e) => resolve({ status: 0, bytes: 0, error: e.code || e.message }));
    if (body) r.end(body);
    else r.end();
  });
}

async function sendFollowing(agent, base, req) {
  const first = await send(agent, base, req);
  if (!req.follow || first.status < 300 || first.status >= 400 || !first.location) return { ...first, redirected: false };
  const target = new URL(first.location, base);
  const second = await send(agent, base, {
    method: "GET",
    path: target.pathname + target.search,
    headers: { accept: req.headers.accept ?? "text/html", ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}) },
  });
  return { status: second.status, firstStatus: first.status, bytes: first.bytes + second.bytes, redirected: true, error: second.error };
}

export async function runJobs(baseUrl, jobs, { stopWhenFirstEnds = false, raw = false } = {}) {
  const base = new URL(baseUrl);
  let stopAll = false;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const results = await Promise.all(
    jobs.map(async (job) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections, maxFreeSockets: job.connections });
      const latencies = [];
      const statuses = {};
      const errors = {};
      let bytes = 0;
      let redirects = 0;
      let next = 0;
      let measuring = job.kind === "list" || !job.warmupMs;
      const started = performance.now();
      let measureStart = started;
      let deadline = Infinity;
      if (job.kind === "timed") {
        if (job.warmupMs) {
          setTimeout(() => {
            measuring = true;
            measureStart = performance.now();
          }, job.warmupMs);
        }
        deadline = started + (job.warmupMs || 0) + job.durationMs;
      }
      const take = () => {
        if (stopAll && job.kind === "timed") return null;
        if (job.kind === "list") return next < job.requests.length ? job.requests[next++] : null;
        if (performance.now() >= deadline) return null;
        return job.requests[next++ % job.requests.length];
      };
      const worker = async () => {
        for (let req = take(); req; req = take()) {
          const t0 = performance.now();
          const r = await sendFollowing(agent, base, req);
          const ms = performance.now() - t0;
          if (!measuring) continue;
          latencies.push(ms);
          bytes += r.bytes;
          if (r.redirected) redirects++;
          const cls = r.status ? statusClass(r.status) : "error";
          statuses[r.status || "error"] = (statuses[r.status || "error"] ?? 0) + 1;
          if (!(req.expect ?? ["2xx"]).includes(cls)) {
            const key = r.error ?? String(r.status);
            errors[key] = (errors[key] ?? 0) + 1;
          }
        }
      };
      await Promise.all(Array.from({ length: job.connections }, worker));
      const elapsed = (performance.now() - measureStart) / 1000;
      if (job.kind === "list" && stopWhenFirstEnds) stopAll = true;
      agent.destroy();
      const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
      return summarise(latencies, {
        name: job.name,
        seconds: elapsed,
        rps: latencies.length / elapsed,
        bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : 0,
        statuses,
        errors,
        errorCount,
        redirects,
        ...(raw ? { latencies } : {}),
      });
    }),
  );
  const cpu = process.cpuUsage(cpuStart);
  const wall = (performance.now() - wallStart) / 1000;
  return { results, clientCpu: (cpu.user + cpu.system) / 1e6 / wall };
}
