"use client";

import { useCallback, useMemo } from "react";

import type { TokenGetter } from "@/lib/api/client";
import { redirectTo } from "@/lib/navigate";
import { createSupabaseBrowserClient } from "@/lib/supabase/browser";

/** The Supabase access token (a JWT the backend verifies with the project's JWKS). */
export function useAccessToken(): TokenGetter {
  const supabase = useMemo(() => createSupabaseBrowserClient(), []);
  return useCallback(async () => {
    const { data } = await supabase.auth.getSession();
    return data.session?.access_token ?? null;
  }, [supabase]);
}

/** Ends the Supabase session and returns to the home page. */
export function useSignOut(): () => Promise<void> {
  const supabase = useMemo(() => createSupabaseBrowserClient(), []);
  return useCallback(async () => {
    await supabase.auth.signOut();
    redirectTo("/");
  }, [supabase]);
}
