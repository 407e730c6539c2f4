"use client";

import { useState } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage, unwrap } from "@/lib/api/client";
import { redirectTo } from "@/lib/navigate";

interface CheckoutButtonProps {
  plan: "pro" | "business";
  label: string;
  /** Pro and Agency bill organizations: the org the subscription belongs to. */
  orgId?: string;
}

/** Starts a hosted checkout on the backend and sends the browser to the provider's page. */
export function CheckoutButton({ plan, label, orgId }: CheckoutButtonProps) {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function startCheckout() {
    setError(null);
    setPending(true);
    const billingUrl = `${window.location.origin}/billing`;
    try {
      const { url } = await unwrap(
        api.POST("/api/billing/checkout", {
          body: {
            plan,
            success_url: `${billingUrl}?checkout=success`,
            cancel_url: `${billingUrl}?checkout=cancel`,
            ...(orgId ? { org_id: orgId } : {}),
          },
        }),
      );
      redirectTo(url);
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <Button onClick={startCheckout} pending={pending}>
        {pending ? "Redirecting…" : label}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
