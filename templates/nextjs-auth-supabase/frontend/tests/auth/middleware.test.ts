// @vitest-environment node
import { http, HttpResponse } from "msw";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { server } from "../server";

// The real @supabase/ssr client runs here; only Supabase's HTTP API is faked (MSW, the
// network layer). A signed-out visitor has no session cookie; a signed-in one carries the
// cookie @supabase/ssr writes ("base64-" + the session as base64url JSON).
const project = "https://abcdefgh.supabase.co";
const cookieName = "sb-abcdefgh-auth-token";
vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", project);
vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test");
// supabase-js builds a Realtime client (never connected here) that needs a WebSocket class:
// the Edge runtime the middleware runs in has one, Node 20 does not.
if (typeof globalThis.WebSocket === "undefined") vi.stubGlobal("WebSocket", class {});

// Imported once MSW is listening (tests/setup.ts), so the SDK's fetch goes through it.
let middleware: typeof import("@/middleware").middleware;
let config: typeof import("@/middleware").config;
beforeAll(async () => {
  ({ middleware, config } = await import("@/middleware"));
});

const user = { id: "user-1", aud: "authenticated", role: "authenticated", email: "ada@example.test", app_metadata: {}, user_metadata: {}, created_at: "2026-01-01T00:00:00Z" };
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A session as Supabase Auth issues it; HS256 tokens are checked by asking GET /auth/v1/user. */
function session(expiresIn: number, refreshToken = "refresh-1") {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: user.id, aud: "authenticated", role: "authenticated", email: user.email, session_id: "s1", iat: now, exp: now + expiresIn };
  const accessToken = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url(claims)}.c2lnbmF0dXJl`;
  return { access_token: accessToken, refresh_token: refreshToken, token_type: "bearer", expires_in: expiresIn, expires_at: now + expiresIn, user };
}

const sessionCookie = (value: object) => `${cookieName}=base64-${base64url(value)}`;

function run(path: string, cookie?: string) {
  return middleware(new NextRequest(`http://localhost:3000${path}`, cookie ? { headers: { cookie } } : undefined));
}

/** Supabase Auth answering for a valid session (and refreshing an expired one). */
function supabaseAuth() {
  server.use(
    http.get(`${project}/auth/v1/user`, () => HttpResponse.json(user)),
    http.post(`${project}/auth/v1/token`, () => HttpResponse.json(session(3600, "refresh-2"))),
  );
}

describe("middleware (Supabase)", () => {
  it("redirects a signed-out visitor of /dashboard to the sign-in page with the way back", async () => {
    const response = await run("/dashboard?tab=usage");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe("http://localhost:3000");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("next")).toBe("/dashboard?tab=usage");
  });

  it.each(["/settings", "/billing", "/settings/profile"])("protects %s", async (path) => {
    const response = await run(path);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
  });

  it("lets a signed-in user through, with the Content-Security-Policy", async () => {
    supabaseAuth();
    const response = await run("/settings", sessionCookie(session(3600)));
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });

  it("passes refreshed session cookies on to the browser and to the page", async () => {
    supabaseAuth();
    const response = await run("/dashboard", sessionCookie(session(-60)));
    expect(response.headers.get("location")).toBeNull();
    const refreshed = response.cookies.get(cookieName)?.value ?? "";
    expect(refreshed).toMatch(/^base64-/);
    expect(Buffer.from(refreshed.slice("base64-".length), "base64url").toString()).toContain("refresh-2");
    // The page renders with the refreshed cookie and the CSP nonce.
    expect(response.headers.get("x-middleware-request-cookie")).toContain(refreshed);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeTruthy();
  });

  it("clears a session Supabase no longer accepts and redirects to sign-in", async () => {
    server.use(http.post(`${project}/auth/v1/token`, () => HttpResponse.json({ code: 400, error_code: "refresh_token_not_found", msg: "Invalid Refresh Token" }, { status: 400 })));
    const response = await run("/billing", sessionCookie(session(-60)));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
    expect(response.cookies.get(cookieName)?.value ?? "").toBe("");
  });

  it.each(["/", "/pricing", "/sign-in"])("leaves the public page %s alone and sends the CSP with a fresh nonce", async (path) => {
    const response = await run(path);
    expect(response.headers.get("location")).toBeNull();
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(policy).toContain(project);
    const again = await run(path);
    expect(again.headers.get("x-middleware-request-x-nonce")).not.toBe(nonce);
  });

  it("runs on pages but not on static files", () => {
    const pages = new RegExp(`^${config.matcher[0]}$`);
    expect(pages.test("/dashboard")).toBe(true);
    expect(pages.test("/_next/static/chunks/main.js")).toBe(false);
    expect(pages.test("/logo.svg")).toBe(false);
  });
});
