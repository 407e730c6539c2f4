import { createApiClient, errorMessage, unwrap, type ApiClient, type Schemas } from "./client";

export type PlansResult = { ok: true; plans: Schemas["Plan"][] } | { ok: false; error: string };

/** The plans on offer (public endpoint), for server components: never throws. */
export async function fetchPlans(client: ApiClient = createApiClient()): Promise<PlansResult> {
  try {
    const data = await unwrap(client.GET("/api/billing/plans", { cache: "no-store" }));
    return { ok: true, plans: data.plans };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
