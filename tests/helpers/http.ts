// Calling loaders and actions with real Requests, and reading what they answer (data, status, redirect),
// whether they return data(), plain objects or Responses, or throw a Response.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { startSession } from "~/auth/lucia.server";

export const BASE = "http://localhost:3000";

/** The Cookie header of a fresh session for this user. */
export async function sessionCookieFor(userId: number): Promise<string> {
  const setCookie = await startSession(userId);
  return setCookie.split(";")[0];
}

export interface RequestOptions {
  method?: string;
  form?: Record<string, string | number | boolean | (string | number)[]> | FormData;
  userId?: number;
  cookie?: string;
  headers?: Record<string, string>;
}

export async function makeRequest(path: string, opts: RequestOptions = {}): Promise<Request> {
  const headers = new Headers(opts.headers);
  const cookies = [opts.cookie, opts.userId ? await sessionCookieFor(opts.userId) : undefined].filter(Boolean);
  if (cookies.length) headers.set("Cookie", cookies.join("; "));
  let body: BodyInit | undefined;
  if (opts.form) {
    if (opts.form instanceof FormData) body = opts.form;
    else {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.form)) {
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
      }
      body = params;
    }
  }
  return new Request(new URL(path, BASE), { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
}

export interface CallResult<T = any> {
  status: number;
  data: T;
  headers: Headers;
  location: string | null;
}

async function settle(run: () => Promise<unknown>): Promise<CallResult> {
  let out: unknown;
  try {
    out = await run();
  } catch (thrown) {
    if (thrown instanceof Response) out = thrown;
    else throw thrown;
  }
  if (out instanceof Response) {
    const text = await out.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: out.status, data: parsed, headers: out.headers, location: out.headers.get("Location") };
  }
  if (out && typeof out === "object" && (out as { type?: string }).type === "DataWithResponseInit") {
    const d = out as { data: unknown; init?: ResponseInit | null };
    const headers = new Headers(d.init?.headers);
    return { status: d.init?.status ?? 200, data: d.data, headers, location: headers.get("Location") };
  }
  return { status: 200, data: out, headers: new Headers(), location: null };
}

const defaultContext: AppLoadContext = { clientIp: "127.0.0.1", cspNonce: "test" };

export function callLoader(
  loader: (args: LoaderFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: Partial<AppLoadContext> = {},
): Promise<CallResult> {
  return settle(async () => loader({ request, params, context: { ...defaultContext, ...context } }));
}

export function callAction(
  action: (args: ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: Partial<AppLoadContext> = {},
): Promise<CallResult> {
  return settle(async () => action({ request, params, context: { ...defaultContext, ...context } }));
}

/** Field errors (catalogue keys) from a formFailure() reply. */
export function fieldErrorsOf(result: CallResult): Record<string, string[]> {
  const error = (result.data as { submission?: { error?: Record<string, string[] | null> } })?.submission?.error ?? {};
  return Object.fromEntries(Object.entries(error).filter(([, v]) => v && v.length)) as Record<string, string[]>;
}
