// @vitest-environment node
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

// @supabase/ssr is mocked at its module boundary: createServerClient hands back a client
// whose getClaims() the tests control, and the cookie adapter the middleware gave it.
type CookieAdapter = {
  getAll: () => { name: string; value: string }[];
  setAll: (cookies: { name: string; value: string; options?: object }[]) => void;
};
const sdk = vi.hoisted(() => ({
  getClaims: vi.fn(),
  adapter: null as CookieAdapter | null,
}));
vi.mock("@supabase/ssr", () => ({
  createServerClient: (_url: string, _key: string, options: { cookies: CookieAdapter }) => {
    sdk.adapter = options.cookies;
    return { auth: { getClaims: sdk.getClaims } };
  },
}));

const { middleware, config } = await import("@/middleware");

const run = (path: string, cookie?: string) =>
  middleware(new NextRequest(`http://localhost:3000${path}`, cookie ? { headers: { cookie } } : undefined));
const signedIn = () => sdk.getClaims.mockResolvedValue({ data: { claims: { sub: "user-1" } }, error: null });

describe("middleware (Supabase)", () => {
  beforeEach(() => {
    sdk.getClaims.mockReset().mockResolvedValue({ data: null, error: null });
  });

  it("redirects a signed-out visitor of /dashboard to the sign-in page with the way back", async () => {
    const response = await run("/dashboard?tab=usage");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("next")).toBe("/dashboard?tab=usage");
  });

  it.each(["/settings", "/billing", "/settings/profile"])("protects %s", async (path) => {
    const response = await run(path);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
  });

  it("lets a signed-in user through", async () => {
    signedIn();
    const response = await run("/settings");
    expect(response.headers.get("location")).toBeNull();
  });

  it("gives Supabase the request's cookies", async () => {
    signedIn();
    await run("/dashboard", "sb-project-auth-token=abc; theme=dark");
    expect(sdk.adapter?.getAll()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "sb-project-auth-token", value: "abc" })]),
    );
  });

  it("passes refreshed session cookies on to the browser", async () => {
    sdk.getClaims.mockImplementation(async () => {
      sdk.adapter?.setAll([{ name: "sb-project-auth-token", value: "refreshed", options: { path: "/" } }]);
      return { data: { claims: { sub: "user-1" } }, error: null };
    });
    const response = await run("/dashboard");
    expect(response.cookies.get("sb-project-auth-token")?.value).toBe("refreshed");
  });

  it("keeps cookie changes on the redirect to sign-in", async () => {
    sdk.getClaims.mockImplementation(async () => {
      sdk.adapter?.setAll([{ name: "sb-project-auth-token", value: "", options: { maxAge: 0 } }]);
      return { data: null, error: null };
    });
    const response = await run("/billing");
    expect(response.status).toBe(307);
    expect(response.cookies.get("sb-project-auth-token")).toBeDefined();
  });

  it("leaves public pages alone", async () => {
    for (const path of ["/", "/pricing", "/sign-in"]) {
      const response = await run(path);
      expect(response.headers.get("location")).toBeNull();
    }
  });

  it("runs on pages but not on static files", () => {
    const pages = new RegExp(`^${config.matcher[0]}$`);
    expect(pages.test("/dashboard")).toBe(true);
    expect(pages.test("/_next/static/chunks/main.js")).toBe(false);
    expect(pages.test("/logo.svg")).toBe(false);
  });
});
