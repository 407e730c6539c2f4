"use client";

import { getAccessToken } from "@auth0/nextjs-auth0";
import { useCallback } from "react";

import type { TokenGetter } from "@/lib/api/client";
import { redirectTo } from "@/lib/navigate";

/**
 * The Auth0 access token for the backend (audience AUTH0_AUDIENCE), fetched from the SDK's
 * /auth/access-token route, which refreshes it when needed. Null when signed out.
 */
export function useAccessToken(): TokenGetter {
  return useCallback(async () => {
    try {
      return await getAccessToken();
    } catch {
      return null;
    }
  }, []);
}

/** Ends the Auth0 session (the SDK's logout route) and returns to the home page. */
export function useSignOut(): () => Promise<void> {
  return useCallback(async () => redirectTo("/auth/logout"), []);
}
