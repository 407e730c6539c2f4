import Link from "next/link";

import { buttonClass } from "@/components/ui/button";
import type { Schemas } from "@/lib/api/client";
import { formatMonthlyPrice } from "@/lib/format";
import { billingEnabled } from "@/lib/site";

type Plan = Schemas["Plan"];

/** Plan cards. A purchasable plan links to the billing page, where checkout starts. */
export function PricingTable({ plans }: { plans: Plan[] }) {
  if (plans.length === 0) {
    return <p className="text-slate-600">No plans are on offer yet.</p>;
  }
  return (
    <ul className="grid gap-6 md:grid-cols-3" aria-label="Plans">
      {plans.map((plan) => (
        <li key={plan.id} className="flex flex-col gap-4 rounded-lg border border-slate-200 p-6 shadow-sm">
          <div>
            <h2 className="text-xl font-semibold">{plan.name}</h2>
            <p className="text-sm text-slate-600">{plan.description}</p>
          </div>
          <p className="text-3xl font-bold">{formatMonthlyPrice(plan.price_monthly_cents, plan.currency)}</p>
          <ul className="flex flex-1 flex-col gap-1 text-sm" aria-label={`${plan.name} features`}>
            {plan.features.map((feature) => (
              <li key={feature}>✓ {feature}</li>
            ))}
          </ul>
          <PlanAction plan={plan} />
        </li>
      ))}
    </ul>
  );
}

function PlanAction({ plan }: { plan: Plan }) {
  if (plan.id === "free") {
    return (
      <Link href="/dashboard" className={buttonClass("secondary")}>
        Get started
      </Link>
    );
  }
  if (billingEnabled && plan.purchasable) {
    return (
      <Link href={`/billing?plan=${plan.id}`} className={buttonClass("primary")}>
        Choose {plan.name}
      </Link>
    );
  }
  return <p className="text-sm text-slate-500">Not available for purchase yet.</p>;
}
