// The HTTP server: static files, request log, security, then Remix.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { securityMiddleware } from "./security.mjs";

/**
 * @param {{ build: any, buildDir: string, publicOrigin?: string, log?: boolean }} options
 */
export function createApp({ build, buildDir, publicOrigin = "", log = true }) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy set TRUST_PROXY=1 so req.ip is the client's address (login throttling).
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());
  // One line per request: method, path, status, milliseconds.
  if (log) app.use(morgan(":method :url :status :response-time[0]ms"));
  app.use(securityMiddleware({ publicOrigin }));
  const client = path.join(buildDir, "client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(client, { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) => ({ clientIp: req.ip ?? "unknown", cspNonce: res.locals.cspNonce }),
    }),
  );
  return app;
}
