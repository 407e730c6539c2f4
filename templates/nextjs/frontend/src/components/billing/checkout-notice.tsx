import { Alert } from "@/components/ui/alert";

/** The message shown when the payment provider sends the user back to /billing. */
export function CheckoutNotice({ result }: { result: string | null }) {
  if (result === "success") {
    return <Alert tone="success">Thank you! Your subscription is being activated; this can take a minute.</Alert>;
  }
  if (result === "cancel") {
    return <Alert tone="info">Checkout was cancelled. You have not been charged.</Alert>;
  }
  return null;
}
