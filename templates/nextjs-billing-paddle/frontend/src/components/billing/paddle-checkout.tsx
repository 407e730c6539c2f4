"use client";

import { useEffect, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { loadPaddle, type PaddleEvent } from "@/lib/billing/paddle";
import { redirectTo } from "@/lib/navigate";

export interface PaddleCheckoutProps {
  /** The transaction id Paddle appends to the default payment link as `_ptxn`. */
  transactionId: string | null;
  /** Paddle > Developer tools > Authentication: a client-side token. */
  clientToken: string;
  environment: string;
}

/** Where the customer lands afterwards: the billing page, with its success or cancel notice. */
export const billingUrl = (result: "success" | "cancel") => `/billing?checkout=${result}`;

/**
 * Opens Paddle Checkout for the transaction that the backend created (POST /api/billing/checkout).
 * This page is the account's default payment link; Paddle also sends customers here to update
 * their payment method.
 */
export function PaddleCheckout({ transactionId, clientToken, environment }: PaddleCheckoutProps) {
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!transactionId || !clientToken) return;
    let completed = false;
    const onEvent = (event: PaddleEvent) => {
      if (event.name === "checkout.completed") {
        completed = true;
        redirectTo(billingUrl("success"));
      } else if (event.name === "checkout.closed" && !completed) {
        redirectTo(billingUrl("cancel"));
      }
    };
    loadPaddle()
      .then((paddle) => {
        if (environment === "sandbox") paddle.Environment.set("sandbox");
        paddle.Initialize({ token: clientToken, eventCallback: onEvent });
        paddle.Checkout.open({ transactionId });
      })
      .catch(() => setError("The payment page could not be loaded. Check your connection and try again."));
  }, [transactionId, clientToken, environment]);

  if (!transactionId) return <Alert tone="error">This checkout link is incomplete: it names no transaction.</Alert>;
  if (!clientToken) {
    return <Alert tone="error">Payments are not configured: set NEXT_PUBLIC_PADDLE_CLIENT_TOKEN.</Alert>;
  }
  if (error) return <Alert tone="error">{error}</Alert>;
  return <Spinner label="Opening the secure checkout" />;
}
