import type { ReactNode } from "react";

import { createSupabaseServerClient } from "@/lib/supabase/server";

/** Renders `children` only for a signed-in user (the app's links in the header). */
export async function SignedIn({ children }: { children: ReactNode }) {
  const supabase = await createSupabaseServerClient();
  const { data } = await supabase.auth.getClaims();
  return data?.claims?.sub ? <>{children}</> : null;
}
