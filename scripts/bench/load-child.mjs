// The load generator's own process (forked by run.mjs), so the client does not share an event loop with the
// orchestrator that samples the server's memory. Messages: { id, baseUrl, jobs, options } → { id, …result }.
import { runJobs } from "./load.mjs";

process.on("message", async (msg) => {
  try {
    const result = await runJobs(msg.baseUrl, msg.jobs, msg.options);
    process.send({ id: msg.id, ...result });
  } catch (e) {
    process.send({ id: msg.id, error: e instanceof Error ? e.stack : String(e) });
  }
});
