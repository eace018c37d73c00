// A lesson's resources (links stored as JSON) and which of them are videos. Safe for client and server.
/** Video links are shown as a "watch video" button, never embedded: the CSP forbids frames (frame-src 'none'). */
const VIDEO_HOSTS = ["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com", "player.vimeo.com"];

export function isVideoLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && VIDEO_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

export interface Resource {
  label: string;
  url: string;
}

/** Resources are stored as JSON; anything malformed or not http(s) is dropped rather than shown. */
export function parseResources(json: string): Resource[] {
  try {
    const raw = JSON.parse(json) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (r): r is Resource =>
        !!r && typeof r === "object" && typeof (r as Resource).label === "string" && typeof (r as Resource).url === "string" && /^https?:\/\//i.test((r as Resource).url),
    );
  } catch {
    return [];
  }
}
