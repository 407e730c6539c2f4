import type { Schemas } from "@/lib/api/client";

/** The API base URL the tests run against (see vitest.config.mts). */
export const API = "http://api.test";

export const userFixture: Schemas["User"] = {
  id: "0b7f3a52-4a3e-4f0e-9a52-1f0c7d0b9a01",
  email: "ada@example.com",
  name: "Ada Lovelace",
  avatar_url: null,
  plan: "free",
  subscription_status: "none",
  created_at: "2026-03-03T10:00:00Z",
};

export const plansFixture: Schemas["Plan"][] = [
  {
    id: "free",
    name: "Free",
    description: "For trying things out",
    price_monthly_cents: 0,
    currency: "usd",
    features: ["1 project"],
    purchasable: false,
  },
  {
    id: "pro",
    name: "Pro",
    description: "For growing teams",
    price_monthly_cents: 1900,
    currency: "usd",
    features: ["Unlimited projects", "Priority support"],
    purchasable: true,
  },
  {
    id: "business",
    name: "Business",
    description: "For larger companies",
    price_monthly_cents: 9950,
    currency: "usd",
    features: ["SSO", "Audit exports"],
    purchasable: false,
  },
];
