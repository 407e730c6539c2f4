import { renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { useAccessToken, useSignOut } from "@/lib/auth/client";

const getToken = vi.fn<() => Promise<string | null>>();
const signOut = vi.fn(async (_options: unknown) => {});
vi.mock("@clerk/nextjs", () => ({
  useAuth: () => ({ getToken }),
  useClerk: () => ({ signOut }),
}));

describe("Clerk hooks", () => {
  it("hands the Clerk session token to the API client", async () => {
    getToken.mockResolvedValue("clerk.jwt");
    const { result } = renderHook(() => useAccessToken());
    await expect(result.current()).resolves.toBe("clerk.jwt");
  });

  it("gives no token when signed out", async () => {
    getToken.mockResolvedValue(null);
    const { result } = renderHook(() => useAccessToken());
    await expect(result.current()).resolves.toBeNull();
  });

  it("signs out back to the home page", async () => {
    const { result } = renderHook(() => useSignOut());
    await result.current();
    expect(signOut).toHaveBeenCalledWith({ redirectUrl: "/" });
  });
});
