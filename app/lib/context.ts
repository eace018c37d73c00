// What the HTTP server (server/app.mjs) passes to every loader and action.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, for throttling. */
    clientIp: string;
    /** Per-request CSP nonce for inline scripts. */
    cspNonce: string;
  }
}

export {};
