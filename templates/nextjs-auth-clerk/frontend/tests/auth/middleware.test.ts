// @vitest-environment node
import { NextRequest, NextResponse } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Clerk is mocked at its module boundary: clerkMiddleware runs our handler with a fake
// `auth` whose protect() behaves like Clerk's (signed out: redirect to the sign-in URL).
const session = { userId: null as string | null };
const protect = vi.fn();
let middlewareOptions: { signInUrl?: string } = {};

vi.mock("@clerk/nextjs/server", () => {
  return {
    clerkMiddleware:
      (
        handler: (auth: unknown, request: NextRequest) => Promise<Response | void>,
        options: { signInUrl?: string },
      ) =>
      async (request: NextRequest) => {
        middlewareOptions = options;
        const redirect = NextResponse.redirect(
          new URL(`${options.signInUrl}?redirect_url=${encodeURIComponent(request.url)}`, request.url),
        );
        const auth = Object.assign(async () => ({ userId: session.userId }), {
          protect: async () => {
            protect();
            if (!session.userId) throw redirect;
          },
        });
        try {
          return (await handler(auth, request)) ?? NextResponse.next();
        } catch (thrown) {
          if (thrown instanceof Response) return thrown;
          throw thrown;
        }
      },
  };
});

const { default: middleware, config } = await import("@/middleware");

const run = (path: string) => middleware(new NextRequest(`http://localhost:3000${path}`), {} as never);

describe("middleware (Clerk)", () => {
  beforeEach(() => {
    session.userId = null;
    protect.mockClear();
  });

  it("redirects a signed-out visitor of /dashboard to the sign-in page", async () => {
    const response = (await run("/dashboard")) as Response;
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("redirect_url")).toBe("http://localhost:3000/dashboard");
  });

  it.each(["/settings", "/billing", "/dashboard/reports"])("protects %s", async (path) => {
    const response = (await run(path)) as Response;
    expect(response.status).toBe(307);
    expect(protect).toHaveBeenCalledOnce();
  });

  it("lets a signed-in user through", async () => {
    session.userId = "user_123";
    const response = (await run("/settings")) as Response;
    expect(response.headers.get("location")).toBeNull();
    expect(protect).toHaveBeenCalledOnce();
  });

  it("leaves public pages alone", async () => {
    for (const path of ["/", "/pricing", "/sign-in"]) {
      const response = (await run(path)) as Response;
      expect(response.headers.get("location")).toBeNull();
    }
    expect(protect).not.toHaveBeenCalled();
  });

  it("sends users to the app's own sign-in page", async () => {
    await run("/");
    expect(middlewareOptions.signInUrl).toBe("/sign-in");
  });

  it("runs on pages but not on static files", () => {
    const pages = new RegExp(`^${config.matcher[0]}$`);
    expect(pages.test("/dashboard")).toBe(true);
    expect(pages.test("/_next/static/chunks/main.js")).toBe(false);
    expect(pages.test("/logo.svg")).toBe(false);
  });
});
