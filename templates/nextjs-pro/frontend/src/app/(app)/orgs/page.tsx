import type { Metadata } from "next";

import { OrgsPage } from "@/components/orgs/orgs-page";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Organizations") };

export default function OrganizationsPage() {
  return <OrgsPage />;
}
