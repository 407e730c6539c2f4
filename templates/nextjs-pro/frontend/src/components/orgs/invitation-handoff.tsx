"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

import { acceptInvitationPath, keepTokenFromFragment } from "@/lib/invitation-link";

/**
 * The public landing of an invitation link: keeps the token in this tab's storage, then
 * opens the accept page (through sign-in when the invitee is signed out).
 */
export function InvitationHandoff() {
  const router = useRouter();
  useEffect(() => {
    keepTokenFromFragment();
    router.replace(acceptInvitationPath);
  }, [router]);
  return <p className="text-slate-600">Opening your invitation…</p>;
}
