import Link from "next/link";

import { createSupabaseServerClient } from "@/lib/supabase/server";

import { SignOutButton } from "./sign-out-button";

export async function UserNav() {
  const supabase = await createSupabaseServerClient();
  const { data } = await supabase.auth.getClaims();
  const email = typeof data?.claims?.email === "string" ? data.claims.email : null;
  if (!data?.claims?.sub) {
    return (
      <Link href="/sign-in" className="font-medium text-brand">
        Sign in
      </Link>
    );
  }
  return (
    <span className="flex items-center gap-3">
      {email ? <span className="text-slate-600">{email}</span> : null}
      <SignOutButton />
    </span>
  );
}
