/** An error answer from the API, or a failure to reach it (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly body: unknown;

  constructor(status: number, detail: string, body?: unknown) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.body = body;
  }

  /** Builds an ApiError from the API's `{"detail": ...}` body (a string, or FastAPI's 422 list). */
  static fromBody(status: number, body: unknown): ApiError {
    return new ApiError(status, detailMessage(status, body), body);
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** 402: the plan does not include this; `detail` names the plan that does (docs/api-contract.md). */
  get isPlanRequired(): boolean {
    return this.status === 402;
  }
}

/** What to do about a 402: paying fixes it, unlike a 403 (the caller's role). */
export const UPGRADE_HINT = "Upgrade the plan on the Billing page.";

/** True when `error` is the API's 402 Payment Required answer (a plan limit or a paid feature). */
export function isPlanRequired(error: unknown): error is ApiError {
  return error instanceof ApiError && error.isPlanRequired;
}

interface ValidationIssue {
  loc?: unknown;
  msg?: unknown;
}

function detailMessage(status: number, body: unknown): string {
  if (body && typeof body === "object" && "detail" in body) {
    const detail = (body as { detail: unknown }).detail;
    if (typeof detail === "string" && detail.length > 0) return detail;
    if (Array.isArray(detail) && detail.length > 0) {
      return detail
        .map((issue: ValidationIssue) => {
          const field = Array.isArray(issue.loc) ? issue.loc.filter((p) => p !== "body").join(".") : "";
          const msg = typeof issue.msg === "string" ? issue.msg : "is invalid";
          return field ? `${field}: ${msg}` : msg;
        })
        .join("; ");
    }
  }
  return `request failed with status ${status}`;
}

/** A message fit for the user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return "The service cannot be reached. Check your connection and try again.";
    if (error.isPlanRequired) return `${sentence(error.detail)} ${UPGRADE_HINT}`;
    return error.detail;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/** `text` with a capital first letter and a final full stop. */
function sentence(text: string): string {
  const capitalized = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}
