"use client";

import { useSignOut } from "@/lib/auth/client";

export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <button type="button" onClick={() => void signOut()} className="font-medium text-brand">
      Sign out
    </button>
  );
}
