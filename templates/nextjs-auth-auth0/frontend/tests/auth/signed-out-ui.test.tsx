import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import SignInPage from "@/app/sign-in/page";
import { SignedIn } from "@/components/auth/signed-in";
import { auth0 } from "@/lib/auth0";

vi.mock("@/lib/auth0", () => ({ auth0: { getSession: vi.fn() } }));

const renderPage = async () => render(await SignInPage({ searchParams: Promise.resolve({}) }));

describe("Auth0: what signed-out visitors see", () => {
  beforeEach(() => vi.unstubAllEnvs());

  it("shows the app's links to a signed-in user only", async () => {
    vi.mocked(auth0.getSession).mockResolvedValue(null);
    const { container, rerender } = render(await SignedIn({ children: "app links" }));
    expect(container).toBeEmptyDOMElement();
    vi.mocked(auth0.getSession).mockResolvedValue({ user: { sub: "auth0|1" } } as never);
    rerender(await SignedIn({ children: "app links" }));
    expect(container).toHaveTextContent("app links");
  });

  it("names the settings to set while they are the .env.example placeholders", async () => {
    vi.stubEnv("AUTH0_DOMAIN", "your-tenant.us.auth0.com");
    vi.stubEnv("AUTH0_CLIENT_ID", "replace-with-your-auth0-client-id");
    vi.stubEnv("AUTH0_CLIENT_SECRET", "replace-with-your-auth0-client-secret");
    vi.stubEnv("AUTH0_SECRET", "replace-with-64-hex-characters-from-openssl-rand-hex-32-000000000000");
    await renderPage();
    const notice = screen.getByRole("alert");
    expect(notice).toHaveTextContent("AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and AUTH0_SECRET");
    expect(notice).toHaveTextContent("root .env");
    expect(screen.queryByRole("link", { name: "Continue to sign in" })).not.toBeInTheDocument();
  });

  it("names only the setting still missing", async () => {
    vi.stubEnv("AUTH0_DOMAIN", "acme.eu.auth0.com");
    vi.stubEnv("AUTH0_CLIENT_ID", "abc");
    vi.stubEnv("AUTH0_CLIENT_SECRET", "");
    vi.stubEnv("AUTH0_SECRET", "f".repeat(64));
    await renderPage();
    expect(screen.getByRole("alert")).toHaveTextContent("Set AUTH0_CLIENT_SECRET in");
  });
});
