import { render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import SignInPage from "@/app/sign-in/page";

const renderPage = async (returnTo?: string) =>
  render(await SignInPage({ searchParams: Promise.resolve(returnTo === undefined ? {} : { returnTo }) }));

describe("sign-in page (Auth0)", () => {
  // Configured: the setup notice (tests/auth/signed-out-ui.test.tsx) steps aside.
  beforeEach(() => {
    vi.stubEnv("AUTH0_DOMAIN", "acme.eu.auth0.com");
    vi.stubEnv("AUTH0_CLIENT_ID", "abc");
    vi.stubEnv("AUTH0_CLIENT_SECRET", "secret");
    vi.stubEnv("AUTH0_SECRET", "f".repeat(64));
  });
  afterEach(() => vi.unstubAllEnvs());

  it("sends the user to Auth0's login with the page to return to", async () => {
    await renderPage("/billing?plan=pro");
    expect(screen.getByRole("link", { name: "Continue to sign in" })).toHaveAttribute(
      "href",
      "/auth/login?returnTo=%2Fbilling%3Fplan%3Dpro",
    );
  });

  it("never returns to another site", async () => {
    await renderPage("https://evil.example");
    expect(screen.getByRole("link", { name: "Continue to sign in" })).toHaveAttribute(
      "href",
      "/auth/login?returnTo=%2Fdashboard",
    );
  });
});
