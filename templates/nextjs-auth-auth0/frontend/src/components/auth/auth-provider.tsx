import type { ReactNode } from "react";

/**
 * Auth0 keeps the session in an encrypted cookie that the middleware and server components
 * read; nothing needs mounting on the client. (Wrap children in the SDK's Auth0Provider if
 * you add client components that call useUser().) No script to give the CSP nonce to.
 */
export function AuthProvider({ children }: { children: ReactNode; nonce?: string }) {
  return <>{children}</>;
}
