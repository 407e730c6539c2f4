// @vitest-environment node
import { generateKeyPairSync, sign } from "node:crypto";

import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

// The real clerkMiddleware runs here, with nothing mocked: a syntactically valid production
// publishable key (for the made-up Frontend API clerk.example.com) and a local JWT key let
// Clerk decide offline. Signed-out visitors have no session cookie; a signed-in one carries
// a session token signed with that key, which Clerk verifies without calling its API (any
// request to Clerk would fail: tests/setup.ts makes unplanned requests errors).
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
vi.stubEnv("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", `pk_live_${btoa("clerk.example.com$")}`);
vi.stubEnv("CLERK_SECRET_KEY", "sk_live_offline-test-key");
vi.stubEnv("CLERK_JWT_KEY", publicKey.export({ type: "spki", format: "pem" }).toString());
vi.stubEnv("NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED", "1");

const { default: middleware, config } = await import("@/middleware");

const base64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString("base64url");

/** A Clerk session token for `userId`, signed with the local JWT key. */
function sessionToken(userId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: "RS256", typ: "JWT", kid: "ins_test" });
  const payload = base64url({ sub: userId, sid: "sess_test", iss: "https://clerk.example.com", iat: now - 5, nbf: now - 10, exp: now + 60 });
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** A browser's page request (Clerk redirects page loads; other requests get a 404). */
function run(path: string, userId?: string) {
  const headers: Record<string, string> = { accept: "text/html", "sec-fetch-dest": "document" };
  if (userId) headers.cookie = `__session=${sessionToken(userId)}; __client_uat=${Math.floor(Date.now() / 1000) - 60}`;
  return middleware(new NextRequest(`http://localhost:3000${path}`, { headers }), {} as never) as Promise<Response>;
}

describe("middleware (Clerk)", () => {
  it("redirects a signed-out visitor of /dashboard to the sign-in page with the way back", async () => {
    const response = await run("/dashboard");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe("http://localhost:3000");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("redirect_url")).toBe("http://localhost:3000/dashboard");
  });

  it.each(["/settings", "/billing", "/dashboard/reports"])("protects %s", async (path) => {
    const response = await run(path);
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
  });

  it("lets a signed-in user through, with the Content-Security-Policy", async () => {
    const response = await run("/settings", "user_123");
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-request-x-clerk-auth-status")).toBe("signed-in");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });

  it.each(["/", "/pricing", "/sign-in"])("leaves the public page %s alone and sends the CSP with a fresh nonce", async (path) => {
    const response = await run(path);
    expect(response.headers.get("location")).toBeNull();
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    // The page renders with the same nonce (Next.js and ClerkProvider read it from here).
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(policy).toContain("https://clerk.example.com");
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
