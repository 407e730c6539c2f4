import { renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { useAccessToken, useSignOut } from "@/lib/auth/client";
import { redirectTo } from "@/lib/navigate";

const getAccessToken = vi.hoisted(() => vi.fn<() => Promise<string>>());
vi.mock("@auth0/nextjs-auth0", () => ({ getAccessToken }));
vi.mock("@/lib/navigate", () => ({ redirectTo: vi.fn() }));

describe("Auth0 hooks", () => {
  it("hands the Auth0 access token to the API client", async () => {
    getAccessToken.mockResolvedValue("auth0.jwt");
    const { result } = renderHook(() => useAccessToken());
    await expect(result.current()).resolves.toBe("auth0.jwt");
  });

  it("gives no token when the SDK has none (signed out)", async () => {
    getAccessToken.mockRejectedValue(new Error("The user does not have a valid session."));
    const { result } = renderHook(() => useAccessToken());
    await expect(result.current()).resolves.toBeNull();
  });

  it("signs out through the SDK's logout route", async () => {
    const { result } = renderHook(() => useSignOut());
    await result.current();
    expect(redirectTo).toHaveBeenCalledWith("/auth/logout");
  });
});
