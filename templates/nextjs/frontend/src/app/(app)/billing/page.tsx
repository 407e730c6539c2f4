import type { Metadata } from "next";

import { BillingPanel } from "@/components/billing/billing-panel";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Billing") };

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<{ plan?: string | string[]; checkout?: string | string[] }>;
}) {
  const { plan, checkout } = await searchParams;
  return (
    <BillingPanel
      requestedPlan={typeof plan === "string" ? plan : null}
      checkoutResult={typeof checkout === "string" ? checkout : null}
    />
  );
}
