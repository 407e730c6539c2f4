import type { Metadata } from "next";

import { PaddleCheckout } from "@/components/billing/paddle-checkout";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Checkout") };

/**
 * Paddle's default payment link (Paddle > Checkout > Checkout settings): Paddle sends the
 * customer here with `?_ptxn=<transaction id>`. Public, because Paddle's e-mails link here too.
 */
export default async function PaddleCheckoutPage({
  searchParams,
}: {
  searchParams: Promise<{ _ptxn?: string | string[] }>;
}) {
  const { _ptxn: transactionId } = await searchParams;
  return (
    <section className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Checkout</h1>
      <PaddleCheckout
        transactionId={typeof transactionId === "string" ? transactionId : null}
        clientToken={process.env.NEXT_PUBLIC_PADDLE_CLIENT_TOKEN ?? ""}
        environment={process.env.NEXT_PUBLIC_PADDLE_ENVIRONMENT ?? "sandbox"}
      />
    </section>
  );
}
