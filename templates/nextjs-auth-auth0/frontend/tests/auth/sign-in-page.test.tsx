import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import SignInPage from "@/app/sign-in/page";

const renderPage = async (returnTo?: string) =>
  render(await SignInPage({ searchParams: Promise.resolve(returnTo === undefined ? {} : { returnTo }) }));

describe("sign-in page (Auth0)", () => {
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
