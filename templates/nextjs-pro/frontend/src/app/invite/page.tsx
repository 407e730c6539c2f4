import type { Metadata } from "next";

import { InvitationHandoff } from "@/components/orgs/invitation-handoff";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Invitation") };

// Public on purpose: the invitation link (/invite#token=...) must survive a sign-in
// redirect, which drops the fragment. See src/lib/invitation-link.ts.
export default function InvitePage() {
  return <InvitationHandoff />;
}
