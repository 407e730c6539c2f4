"use client";

import { useAuth, useClerk } from "@clerk/nextjs";
import { useCallback } from "react";

import type { TokenGetter } from "@/lib/api/client";

/** The Clerk session token (a short-lived JWT the backend verifies with Clerk's JWKS). */
export function useAccessToken(): TokenGetter {
  const { getToken } = useAuth();
  return useCallback(async () => (await getToken()) ?? null, [getToken]);
}

/** Ends the Clerk session and returns to the home page. */
export function useSignOut(): () => Promise<void> {
  const { signOut } = useClerk();
  return useCallback(() => signOut({ redirectUrl: "/" }), [signOut]);
}
