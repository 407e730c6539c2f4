/**
 * Base URL of the backend API (FastAPI or Axum), without a trailing slash.
 *
 * Browsers use NEXT_PUBLIC_API_URL, which Next.js inlines at build time. The Next.js server
 * may reach the backend at another address (e.g. `http://backend:8000` inside Docker): set
 * API_URL for that; it is read at run time, on the server only.
 */
const serverOnlyUrl = typeof window === "undefined" ? process.env.API_URL : undefined;

export const apiBaseUrl: string = (serverOnlyUrl || process.env.NEXT_PUBLIC_API_URL || "http://localhost:8000").replace(
  /\/+$/,
  "",
);

/**
 * True when a setting is missing or still holds the placeholder .env.example ships with
 * (`replace-with-...`, `your-project-ref`, `your-tenant`), so pages can name the setting
 * to fill in instead of failing with a vague error.
 */
export function isPlaceholder(value: string | undefined): boolean {
  return !value?.trim() || /replace-with|your-project-ref|your-tenant/.test(value);
}
