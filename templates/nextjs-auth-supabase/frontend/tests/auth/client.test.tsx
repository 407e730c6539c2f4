import { render, renderHook, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { SignInForm } from "@/components/auth/sign-in-form";
import { useAccessToken, useSignOut } from "@/lib/auth/client";
import { redirectTo } from "@/lib/navigate";

const auth = vi.hoisted(() => ({
  getSession: vi.fn(),
  signOut: vi.fn(async () => ({ error: null })),
  signInWithPassword: vi.fn(),
  signUp: vi.fn(),
}));
vi.mock("@supabase/ssr", () => ({ createBrowserClient: () => ({ auth }) }));
vi.mock("@/lib/navigate", () => ({ redirectTo: vi.fn() }));

describe("Supabase hooks", () => {
  beforeEach(() => vi.mocked(redirectTo).mockClear());

  it("hands the Supabase access token to the API client", async () => {
    auth.getSession.mockResolvedValue({ data: { session: { access_token: "sb.jwt" } } });
    const { result } = renderHook(() => useAccessToken());
    await expect(result.current()).resolves.toBe("sb.jwt");
  });

  it("gives no token without a session", async () => {
    auth.getSession.mockResolvedValue({ data: { session: null } });
    const { result } = renderHook(() => useAccessToken());
    await expect(result.current()).resolves.toBeNull();
  });

  it("signs out, then returns to the home page", async () => {
    const { result } = renderHook(() => useSignOut());
    await result.current();
    expect(auth.signOut).toHaveBeenCalledOnce();
    expect(redirectTo).toHaveBeenCalledWith("/");
  });
});

describe("SignInForm (Supabase)", () => {
  beforeEach(() => vi.mocked(redirectTo).mockClear());

  it("signs in with e-mail and password and goes to the requested page", async () => {
    auth.signInWithPassword.mockResolvedValue({ error: null });
    render(<SignInForm next="/billing" />);
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(auth.signInWithPassword).toHaveBeenCalledWith({ email: "ada@example.com", password: "correct horse" });
    expect(redirectTo).toHaveBeenCalledWith("/billing");
  });

  it("shows Supabase's error and stays on the page", async () => {
    auth.signInWithPassword.mockResolvedValue({ error: { message: "Invalid login credentials" } });
    render(<SignInForm next="/dashboard" />);
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "wrong password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid login credentials");
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it("checks the fields before calling Supabase", async () => {
    auth.signInWithPassword.mockClear();
    render(<SignInForm next="/dashboard" />);
    await userEvent.type(screen.getByLabelText("E-mail"), "not-an-email");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByRole("alert")).toHaveTextContent(/at least 8 characters/);
    expect(auth.signInWithPassword).not.toHaveBeenCalled();
  });

  it("creates an account and asks to confirm the e-mail", async () => {
    auth.signUp.mockResolvedValue({ error: null });
    render(<SignInForm next="/dashboard" />);
    await userEvent.click(screen.getByRole("button", { name: "New here? Create an account" }));
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByRole("status")).toHaveTextContent(/Check your e-mail/);
    expect(auth.signUp).toHaveBeenCalledWith(
      expect.objectContaining({ email: "ada@example.com", options: { emailRedirectTo: `${window.location.origin}/dashboard` } }),
    );
  });
});
