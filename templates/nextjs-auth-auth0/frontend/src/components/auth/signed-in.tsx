import type { ReactNode } from "react";

import { auth0 } from "@/lib/auth0";

/** Renders `children` only for a signed-in user (the app's links in the header). */
export async function SignedIn({ children }: { children: ReactNode }) {
  const session = await auth0.getSession();
  return session ? <>{children}</> : null;
}
