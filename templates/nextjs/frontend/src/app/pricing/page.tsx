import type { Metadata } from "next";

import { PricingTable } from "@/components/pricing/pricing-table";
import { Alert } from "@/components/ui/alert";
import { fetchPlans } from "@/lib/api/plans";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Pricing") };

// Plans come from the API at request time, so a price change needs no rebuild.
export const dynamic = "force-dynamic";

export default async function PricingPage() {
  const result = await fetchPlans();
  return (
    <section className="flex flex-col gap-8">
      <h1 className="text-3xl font-bold">Pricing</h1>
      {result.ok ? (
        <PricingTable plans={result.plans} />
      ) : (
        <Alert tone="error">Plans are unavailable right now: {result.error}</Alert>
      )}
    </section>
  );
}
