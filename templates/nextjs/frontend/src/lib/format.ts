/** "$19/mo" for 1900 cents, "Free" for 0. */
export function formatMonthlyPrice(cents: number, currency = "usd"): string {
  if (cents === 0) return "Free";
  const amount = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
  return `${amount}/mo`;
}

/** A short, locale-stable date such as "Mar 3, 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

const PLAN_LABELS: Record<string, string> = { free: "Free", pro: "Pro", business: "Business" };

export function planLabel(plan: string): string {
  return PLAN_LABELS[plan] ?? plan;
}
