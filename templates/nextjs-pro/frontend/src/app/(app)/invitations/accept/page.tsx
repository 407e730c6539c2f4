import type { Metadata } from "next";

import { AcceptInvitation } from "@/components/orgs/accept-invitation";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Invitation") };

// The invitation link is /invitations/accept#token=...: browsers never send a URL's
// fragment to a server or in a Referer, so the token stays out of access logs. The page
// reads it in the browser (AcceptInvitation).
export default function InvitationPage() {
  return <AcceptInvitation />;
}
