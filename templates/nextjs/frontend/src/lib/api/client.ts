import createClient, { type Middleware } from "openapi-fetch";

import { apiBaseUrl } from "@/lib/config";

import { ApiError } from "./errors";
import type { components, paths } from "./schema";

export { ApiError, errorMessage } from "./errors";

export type Schemas = components["schemas"];
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** Returns the current access token, or null when signed out. */
export type TokenGetter = () => Promise<string | null>;

export interface ApiClientOptions {
  baseUrl?: string;
  getToken?: TokenGetter;
  fetch?: typeof globalThis.fetch;
}

/**
 * The typed client for the backend. Every request carries `Authorization: Bearer <token>`
 * when `getToken` returns one; use `unwrap` to turn an answer into its data or an ApiError.
 */
export function createApiClient({ baseUrl = apiBaseUrl, getToken, fetch }: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    // Resolve fetch at call time, so test doubles and polyfills installed later still apply.
    fetch: fetch ?? ((input: Request) => globalThis.fetch(input)),
  });
  if (getToken) {
    const auth: Middleware = {
      async onRequest({ request }) {
        const token = await getToken();
        if (token) request.headers.set("Authorization", `Bearer ${token}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError: with the
 * answer's status and `detail` on an error status, with status 0 when the API is unreachable.
 */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (cause) {
    throw new ApiError(0, "network error: the API could not be reached", cause);
  }
  if (!answer.response.ok) throw ApiError.fromBody(answer.response.status, answer.error);
  return answer.data as T;
}
