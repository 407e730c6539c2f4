import { screen } from "@testing-library/react";
import { delay, http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { CheckoutButton } from "@/components/billing/checkout-button";
import { redirectTo } from "@/lib/navigate";

import { API } from "../fixtures";
import { renderWithApi, TEST_TOKEN } from "../render";
import { server } from "../server";

vi.mock("@/lib/navigate", () => ({ redirectTo: vi.fn() }));

describe("CheckoutButton", () => {
  beforeEach(() => vi.mocked(redirectTo).mockClear());

  it("posts the plan with return URLs on this site, with the bearer token", async () => {
    let body: Record<string, unknown> = {};
    let authorization: string | null = null;
    server.use(
      http.post(`${API}/api/billing/checkout`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        authorization = request.headers.get("authorization");
        return HttpResponse.json({ url: "https://checkout.example/s/1" });
      }),
    );
    const { user } = renderWithApi(<CheckoutButton plan="pro" label="Upgrade to Pro" />);
    await user.click(screen.getByRole("button", { name: "Upgrade to Pro" }));
    await vi.waitFor(() => expect(redirectTo).toHaveBeenCalledWith("https://checkout.example/s/1"));
    expect(body).toEqual({
      plan: "pro",
      success_url: `${window.location.origin}/billing?checkout=success`,
      cancel_url: `${window.location.origin}/billing?checkout=cancel`,
    });
    expect(authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it("bills the given organization", async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${API}/api/billing/checkout`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ url: "https://checkout.example/s/2" });
      }),
    );
    const { user } = renderWithApi(<CheckoutButton plan="business" label="Buy" orgId="4d1c7f0e-0000-4000-8000-000000000001" />);
    await user.click(screen.getByRole("button", { name: "Buy" }));
    await vi.waitFor(() => expect(redirectTo).toHaveBeenCalled());
    expect(body).toMatchObject({ plan: "business", org_id: "4d1c7f0e-0000-4000-8000-000000000001" });
  });

  it("is disabled while the checkout is being created", async () => {
    server.use(
      http.post(`${API}/api/billing/checkout`, async () => {
        await delay(50);
        return HttpResponse.json({ url: "https://checkout.example/s/3" });
      }),
    );
    const { user } = renderWithApi(<CheckoutButton plan="pro" label="Upgrade" />);
    await user.click(screen.getByRole("button", { name: "Upgrade" }));
    expect(screen.getByRole("button", { name: "Redirecting…" })).toBeDisabled();
    await vi.waitFor(() => expect(redirectTo).toHaveBeenCalled());
  });

  it("shows the API's refusal and does not navigate", async () => {
    server.use(
      http.post(`${API}/api/billing/checkout`, () =>
        HttpResponse.json({ detail: "redirect url not allowed" }, { status: 400 }),
      ),
    );
    const { user } = renderWithApi(<CheckoutButton plan="pro" label="Upgrade" />);
    await user.click(screen.getByRole("button", { name: "Upgrade" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("redirect url not allowed");
    expect(screen.getByRole("button", { name: "Upgrade" })).toBeEnabled();
    expect(redirectTo).not.toHaveBeenCalled();
  });
});
