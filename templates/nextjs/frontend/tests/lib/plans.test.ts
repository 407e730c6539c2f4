import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createApiClient } from "@/lib/api/client";
import { fetchPlans } from "@/lib/api/plans";

import { API, plansFixture } from "../fixtures";
import { server } from "../server";

const client = () => createApiClient({ baseUrl: API });

describe("fetchPlans (pricing page data)", () => {
  it("returns the plans from GET /api/billing/plans", async () => {
    await expect(fetchPlans(client())).resolves.toEqual({ ok: true, plans: plansFixture });
  });

  it("returns the API's error detail instead of throwing", async () => {
    server.use(
      http.get(`${API}/api/billing/plans`, () => HttpResponse.json({ detail: "rate limit exceeded" }, { status: 429 })),
    );
    await expect(fetchPlans(client())).resolves.toEqual({ ok: false, error: "rate limit exceeded" });
  });

  it("explains when the API cannot be reached", async () => {
    server.use(http.get(`${API}/api/billing/plans`, () => HttpResponse.error()));
    const result = await fetchPlans(client());
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toMatch(/cannot be reached/);
  });
});
