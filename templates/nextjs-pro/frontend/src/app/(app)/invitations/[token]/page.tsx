import type { Metadata } from "next";

import { AcceptInvitation } from "@/components/orgs/accept-invitation";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Invitation") };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AcceptInvitation token={token} />;
}
