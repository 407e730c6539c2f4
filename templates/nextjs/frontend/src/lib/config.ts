/** Base URL of the backend API (FastAPI or Axum), without a trailing slash. */
export const apiBaseUrl: string = (process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8000").replace(
  /\/+$/,
  "",
);
