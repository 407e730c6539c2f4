import type { Metadata } from "next";

import { Dashboard } from "@/components/dashboard/dashboard";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Dashboard") };

export default function DashboardPage() {
  return <Dashboard />;
}
