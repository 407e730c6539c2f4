import { Auth0Provider } from "@auth0/nextjs-auth0";
import type { ReactNode } from "react";

export function AuthProvider({ children }: { children: ReactNode }) {
  return <Auth0Provider>{children}</Auth0Provider>;
}
