/**
 * Open-redirect guard: only same-site absolute paths are allowed as a place to return to
 * after signing in. Anything else (another origin, a protocol-relative `//host` URL, a
 * backslash trick, a `javascript:` URL) falls back to `fallback`.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/dashboard"): string {
  if (!value || typeof value !== "string") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://localhost");
    if (url.origin !== "http://localhost") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
