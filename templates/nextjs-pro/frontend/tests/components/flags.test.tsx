import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { FeatureGate } from "@/components/flags/feature-gate";

import { API } from "../fixtures";
import { orgFixture } from "../pro-fixtures";
import { renderWithOrgs } from "../render-pro";
import { server } from "../server";

const gate = (flag = "beta_insights") => (
  <FeatureGate flag={flag} fallback={<p>fallback</p>}>
    <p>flagged feature</p>
  </FeatureGate>
);

describe("feature flags", () => {
  it("shows the feature when the backend turns the flag on", async () => {
    server.use(http.get(`${API}/api/flags`, () => HttpResponse.json({ flags: { beta_insights: true } })));
    renderWithOrgs(gate());
    expect(await screen.findByText("flagged feature")).toBeInTheDocument();
  });

  it("shows the fallback when the flag is off", async () => {
    server.use(http.get(`${API}/api/flags`, () => HttpResponse.json({ flags: { beta_insights: false } })));
    renderWithOrgs(gate());
    expect(await screen.findByText("fallback")).toBeInTheDocument();
    expect(screen.queryByText("flagged feature")).not.toBeInTheDocument();
  });

  it("treats an unknown flag as off", async () => {
    server.use(http.get(`${API}/api/flags`, () => HttpResponse.json({ flags: { beta_insights: true } })));
    renderWithOrgs(gate("no_such_flag"));
    expect(await screen.findByText("fallback")).toBeInTheDocument();
  });

  it("evaluates flags for the current organization", async () => {
    let orgId: string | null = null;
    server.use(
      http.get(`${API}/api/flags`, ({ request }) => {
        orgId = new URL(request.url).searchParams.get("org_id");
        return HttpResponse.json({ flags: { beta_insights: true } });
      }),
    );
    renderWithOrgs(gate());
    await screen.findByText("flagged feature");
    expect(orgId).toBe(orgFixture.id);
  });

  it("keeps the feature off when flags cannot be loaded", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/api/flags`, () => {
        calls += 1;
        return HttpResponse.json({ detail: "boom" }, { status: 500 });
      }),
    );
    renderWithOrgs(gate());
    await screen.findByText("fallback");
    // The request is made once; then give a retry loop the time to show itself.
    await waitFor(() => expect(calls).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
    expect(screen.queryByText("flagged feature")).not.toBeInTheDocument();
  });
});
