import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import SignInPage from "@/app/sign-in/page";
import { SignedIn } from "@/components/auth/signed-in";

const getClaims = vi.hoisted(() => vi.fn());
vi.mock("@/lib/supabase/server", () => ({ createSupabaseServerClient: async () => ({ auth: { getClaims } }) }));
vi.mock("@supabase/ssr", () => ({ createBrowserClient: () => ({ auth: {} }) }));

const renderPage = async () => render(await SignInPage({ searchParams: Promise.resolve({}) }));

describe("Supabase: what signed-out visitors see", () => {
  beforeEach(() => vi.unstubAllEnvs());

  it("shows the app's links to a signed-in user only", async () => {
    getClaims.mockResolvedValue({ data: null, error: null });
    const { container, rerender } = render(await SignedIn({ children: "app links" }));
    expect(container).toBeEmptyDOMElement();
    getClaims.mockResolvedValue({ data: { claims: { sub: "user-1" } }, error: null });
    rerender(await SignedIn({ children: "app links" }));
    expect(container).toHaveTextContent("app links");
  });

  it("names the settings to set while they are the .env.example placeholders", async () => {
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "https://your-project-ref.supabase.co");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "replace-with-your-supabase-publishable-key");
    await renderPage();
    const notice = screen.getByRole("alert");
    expect(notice).toHaveTextContent("NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY");
    expect(notice).toHaveTextContent("root .env");
    expect(screen.queryByRole("form", { name: "Sign in" })).not.toBeInTheDocument();
  });

  it("shows the sign-in form once the project is set", async () => {
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "https://abcdefgh.supabase.co");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_abc");
    await renderPage();
    expect(screen.getByRole("form", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
