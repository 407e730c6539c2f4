import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import SignInPage from "@/app/sign-in/[[...sign-in]]/page";
import SignUpPage from "@/app/sign-up/[[...sign-up]]/page";
import { SignedIn } from "@/components/auth/signed-in";
import { missingAuthSettings } from "@/lib/auth/setup";

// Clerk's components are stand-ins: what is tested is which of them the app renders.
vi.mock("@clerk/nextjs", () => ({
  Show: ({ when, children }: { when: string; children: ReactNode }) => <div data-testid={`show-${when}`}>{children}</div>,
  ClerkLoading: () => null,
  ClerkFailed: () => null,
  SignIn: () => <div>Clerk sign-in form</div>,
  SignUp: () => <div>Clerk sign-up form</div>,
}));

/** The values .env.example ships with. */
const placeholders = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k",
  CLERK_SECRET_KEY: "sk_live_replace-with-your-clerk-secret-key",
};
const realKeys = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${btoa("example.clerk.accounts.dev$")}`,
  CLERK_SECRET_KEY: "sk_test_abc123",
};
const useEnv = (env: Record<string, string>) => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
};

describe("Clerk: what signed-out visitors see", () => {
  beforeEach(() => vi.unstubAllEnvs());

  it("shows the app's links only inside Clerk's signed-in gate", () => {
    render(<SignedIn>app links</SignedIn>);
    expect(screen.getByTestId("show-signed-in")).toHaveTextContent("app links");
  });

  it("names the settings to set while the keys are the .env.example placeholders", () => {
    useEnv(placeholders);
    render(<SignInPage />);
    const notice = screen.getByRole("alert");
    expect(notice).toHaveTextContent("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY");
    expect(notice).toHaveTextContent("root .env");
    expect(screen.queryByText("Clerk sign-in form")).not.toBeInTheDocument();
  });

  it("says the same on the sign-up page", () => {
    useEnv(placeholders);
    render(<SignUpPage />);
    expect(screen.getByRole("alert")).toHaveTextContent("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY");
    expect(screen.queryByText("Clerk sign-up form")).not.toBeInTheDocument();
  });

  it("shows Clerk's form once the keys are set", () => {
    useEnv(realKeys);
    render(<SignInPage />);
    expect(screen.getByText("Clerk sign-in form")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("flags a missing or malformed publishable key", () => {
    expect(missingAuthSettings({ CLERK_SECRET_KEY: "sk_test_abc" })).toEqual(["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY"]);
    expect(missingAuthSettings({ ...realKeys, NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_not-base64!" })).toEqual([
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
    ]);
    expect(missingAuthSettings(realKeys)).toEqual([]);
  });
});
