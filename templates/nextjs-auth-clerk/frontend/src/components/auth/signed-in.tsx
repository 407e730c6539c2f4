import { Show } from "@clerk/nextjs";
import type { ReactNode } from "react";

/** Renders `children` only for a signed-in user (the app's links in the header). */
export function SignedIn({ children }: { children: ReactNode }) {
  return <Show when="signed-in">{children}</Show>;
}
