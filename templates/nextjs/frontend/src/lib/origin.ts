// URL origins, shared by the Content-Security-Policy (src/lib/csp.ts) and the auth provider's
// part of it (src/lib/auth/csp.ts), which csp.ts imports.
/** The origin (scheme, host, port) of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : null;
  } catch {
    return null;
  }
}
