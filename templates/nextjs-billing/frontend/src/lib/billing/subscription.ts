/**
 * Subscription states in which the customer is paying (past_due: payment is being retried).
 * While one is live the backend refuses a second checkout (409): plan changes, payment details
 * and cancellation go through the provider's customer portal instead.
 */
const LIVE_STATUSES: ReadonlySet<string> = new Set(["trialing", "active", "past_due"]);

export function isLiveSubscription(status: string): boolean {
  return LIVE_STATUSES.has(status);
}
