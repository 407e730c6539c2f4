import type { Metadata } from "next";

import { OrgsPage } from "@/components/orgs/orgs-page";

export const metadata: Metadata = { title: "Organizations" };

export default function OrganizationsPage() {
  return <OrgsPage />;
}
