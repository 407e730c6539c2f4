// @vitest-environment node
import { generateSessionCookie } from "@auth0/nextjs-auth0/testing";
import { NextRequest } from "next/server";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { server } from "../server";

// The real Auth0 SDK runs here: src/lib/auth0.ts builds its Auth0Client from these dummy
// settings, and auth0.middleware() and getSession() decide from the session cookie alone
// (tests/setup.ts makes any request to the tenant an error). A signed-in visitor carries a
// session cookie encrypted with AUTH0_SECRET, as the SDK's own testing helper makes it.
const secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
vi.stubEnv("AUTH0_DOMAIN", "tenant.example.test");
vi.stubEnv("AUTH0_CLIENT_ID", "client-id");
vi.stubEnv("AUTH0_CLIENT_SECRET", "client-secret");
vi.stubEnv("AUTH0_SECRET", secret);
vi.stubEnv("AUTH0_AUDIENCE", "https://api.example.test");
vi.stubEnv("APP_BASE_URL", "http://localhost:3000");

// Imported once MSW is listening (tests/setup.ts), so the SDK's fetch goes through it.
let middleware: typeof import("@/middleware").middleware;
let config: typeof import("@/middleware").config;
beforeAll(async () => {
  ({ middleware, config } = await import("@/middleware"));
});

async function run(path: string, signedIn = false) {
  const headers: Record<string, string> = {};
  if (signedIn) {
    const now = Math.floor(Date.now() / 1000);
    const session = await generateSessionCookie(
      { user: { sub: "auth0|1", email: "ada@example.test" }, tokenSet: { accessToken: "at", expiresAt: now + 3600 }, internal: { sid: "sid", createdAt: now } },
      { secret },
    );
    headers.cookie = `__session=${session}`;
  }
  return middleware(new NextRequest(`http://localhost:3000${path}`, { headers }));
}

describe("middleware (Auth0)", () => {
  it("redirects a signed-out visitor of /dashboard to the sign-in page with the way back", async () => {
    const response = await run("/dashboard?tab=usage");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe("http://localhost:3000");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("returnTo")).toBe("/dashboard?tab=usage");
  });

  it.each(["/settings", "/billing", "/billing/invoices"])("protects %s", async (path) => {
    const response = await run(path);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
  });

  it("lets a signed-in user through, keeping the SDK's rolling session cookie and adding the CSP", async () => {
    const response = await run("/settings", true);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("__session="))).toBe(true);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });

  it("hands the /auth routes to the SDK: /auth/login goes to the tenant's login page", async () => {
    // The only network call: the SDK reads the tenant's OpenID configuration.
    const issuer = "https://tenant.example.test";
    server.use(
      http.get(`${issuer}/.well-known/openid-configuration`, () =>
        HttpResponse.json({
          issuer: `${issuer}/`,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/oauth/token`,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          end_session_endpoint: `${issuer}/oidc/logout`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      ),
    );
    const response = await run("/auth/login?returnTo=%2Fbilling");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe("https://tenant.example.test");
    expect(location.pathname).toBe("/authorize");
    expect(location.searchParams.get("audience")).toBe("https://api.example.test");
  });

  it.each(["/", "/pricing", "/sign-in"])("leaves the public page %s alone and sends the CSP with a fresh nonce", async (path) => {
    const response = await run(path);
    expect(response.headers.get("location")).toBeNull();
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    // The page renders with the same nonce (Next.js reads it from the request headers).
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(policy).toContain("https://tenant.example.test");
    const again = await run(path);
    expect(again.headers.get("x-middleware-request-x-nonce")).not.toBe(nonce);
  });

  it("runs on pages but not on static files", () => {
    const pages = new RegExp(`^${config.matcher[0]}$`);
    expect(pages.test("/dashboard")).toBe(true);
    expect(pages.test("/auth/callback")).toBe(true);
    expect(pages.test("/_next/static/chunks/main.js")).toBe(false);
    expect(pages.test("/logo.svg")).toBe(false);
  });
});
