// @vitest-environment node
import { NextRequest, NextResponse } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The Auth0 SDK is mocked at its module boundary: Auth0Client's middleware() and
// getSession() are stand-ins the tests control.
const sdk = vi.hoisted(() => ({
  middleware: vi.fn(),
  getSession: vi.fn(),
  options: undefined as unknown,
}));

vi.mock("@auth0/nextjs-auth0/server", () => ({
  Auth0Client: class {
    middleware = sdk.middleware;
    getSession = sdk.getSession;
    constructor(options: unknown) {
      sdk.options = options;
    }
  },
}));

vi.stubEnv("AUTH0_AUDIENCE", "https://api.example.test");
const { middleware, config } = await import("@/middleware");

const run = (path: string) => middleware(new NextRequest(`http://localhost:3000${path}`));

describe("middleware (Auth0)", () => {
  beforeEach(() => {
    sdk.middleware.mockReset().mockImplementation(async () => NextResponse.next());
    sdk.getSession.mockReset().mockResolvedValue(null);
  });

  it("redirects a signed-out visitor of /dashboard to the sign-in page with the way back", async () => {
    const response = await run("/dashboard?tab=usage");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("returnTo")).toBe("/dashboard?tab=usage");
  });

  it.each(["/settings", "/billing", "/billing/invoices"])("protects %s", async (path) => {
    const response = await run(path);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
  });

  it("lets a signed-in user through with the SDK's response (rolling session cookie)", async () => {
    const sdkResponse = NextResponse.next();
    sdkResponse.cookies.set("__session", "rolled");
    sdk.middleware.mockResolvedValue(sdkResponse);
    sdk.getSession.mockResolvedValue({ user: { sub: "auth0|1" } });
    const response = await run("/settings");
    expect(response).toBe(sdkResponse);
    expect(response.headers.get("location")).toBeNull();
  });

  it("hands the /auth routes to the SDK untouched", async () => {
    const login = NextResponse.redirect("https://tenant.example.test/authorize");
    sdk.middleware.mockResolvedValue(login);
    await expect(run("/auth/login")).resolves.toBe(login);
    expect(sdk.getSession).not.toHaveBeenCalled();
  });

  it("does not look up the session for public pages", async () => {
    for (const path of ["/", "/pricing", "/sign-in"]) {
      const response = await run(path);
      expect(response.headers.get("location")).toBeNull();
    }
    expect(sdk.getSession).not.toHaveBeenCalled();
  });

  it("asks Auth0 for an access token for the backend's audience", () => {
    expect(sdk.options).toMatchObject({ authorizationParameters: { audience: "https://api.example.test" } });
  });

  it("runs on pages but not on static files", () => {
    const pages = new RegExp(`^${config.matcher[0]}$`);
    expect(pages.test("/dashboard")).toBe(true);
    expect(pages.test("/auth/callback")).toBe(true);
    expect(pages.test("/_next/static/chunks/main.js")).toBe(false);
    expect(pages.test("/logo.svg")).toBe(false);
  });
});
