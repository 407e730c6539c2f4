import { ClerkProvider } from "@clerk/nextjs";
import type { ReactNode } from "react";

/** `nonce`: the request's CSP nonce (src/lib/csp.ts), for the clerk-js <script> tag. */
export function AuthProvider({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <ClerkProvider signInUrl="/sign-in" signUpUrl="/sign-up" nonce={nonce}>
      {children}
    </ClerkProvider>
  );
}
