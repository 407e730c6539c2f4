import type { ReactNode } from "react";

/**
 * Supabase keeps the session in cookies: there is no client-side provider to mount (and no
 * script to give the CSP nonce to).
 */
export function AuthProvider({ children }: { children: ReactNode; nonce?: string }) {
  return <>{children}</>;
}
