import type { ReactNode } from "react";

/** Supabase keeps the session in cookies: there is no client-side provider to mount. */
export function AuthProvider({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
