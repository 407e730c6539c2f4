import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { CreateOrgForm } from "@/components/orgs/create-org-form";
import { useOrgs } from "@/components/orgs/org-provider";
import { OrgSwitcher } from "@/components/orgs/org-switcher";

import { API } from "../fixtures";
import { orgFixture, otherOrgFixture, page } from "../pro-fixtures";
import { renderWithOrgs } from "../render-pro";
import { server } from "../server";

function Current() {
  const { current, state } = useOrgs();
  if (state.status !== "ready") return null;
  return <p data-testid="current">{current ? current.name : "none"}</p>;
}

const twoOrgs = () => server.use(http.get(`${API}/api/orgs`, () => HttpResponse.json(page([orgFixture, otherOrgFixture]))));

describe("organizations: provider and switcher", () => {
  it("loads the caller's organizations and starts with the first", async () => {
    twoOrgs();
    renderWithOrgs(<Current />);
    expect(await screen.findByTestId("current")).toHaveTextContent("Analytical Engines");
  });

  it("switches organization and remembers the choice in this browser", async () => {
    twoOrgs();
    const { user } = renderWithOrgs(
      <>
        <OrgSwitcher />
        <Current />
      </>,
    );
    await user.selectOptions(await screen.findByLabelText("Organization"), otherOrgFixture.id);
    expect(screen.getByTestId("current")).toHaveTextContent("Difference Co");
    expect(window.localStorage.getItem("current-org-id")).toBe(otherOrgFixture.id);
  });

  it("restores the remembered organization", async () => {
    twoOrgs();
    window.localStorage.setItem("current-org-id", otherOrgFixture.id);
    renderWithOrgs(<Current />);
    await waitFor(() => expect(screen.getByTestId("current")).toHaveTextContent("Difference Co"));
  });

  it("falls back to the first organization when the remembered one is gone", async () => {
    window.localStorage.setItem("current-org-id", "00000000-0000-4000-8000-00000000dead");
    renderWithOrgs(<Current />);
    await waitFor(() => expect(screen.getByTestId("current")).toHaveTextContent("Analytical Engines"));
  });

  it("follows next_cursor until it has every organization, each request bounded", async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${API}/api/orgs`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query.toString());
        return HttpResponse.json(query.get("cursor") === "after-first" ? page([otherOrgFixture]) : page([orgFixture], "after-first"));
      }),
    );
    renderWithOrgs(<OrgSwitcher />);
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Analytical Engines (owner)", "Difference Co (member)"]);
    expect(queries).toEqual(["limit=100", "limit=100&cursor=after-first"]);
  });

  it("has nothing to switch when the user has no organization", async () => {
    server.use(http.get(`${API}/api/orgs`, () => HttpResponse.json(page([]))));
    renderWithOrgs(
      <>
        <OrgSwitcher />
        <Current />
      </>,
    );
    expect(await screen.findByTestId("current")).toHaveTextContent("none");
    expect(screen.queryByLabelText("Organization")).not.toBeInTheDocument();
  });
});

describe("organizations: create", () => {
  it("creates an organization and makes it the current one", async () => {
    const created = { ...orgFixture, id: "4d1c7f0e-0000-4000-8000-000000000003", name: "Lovelace Labs" };
    let body: unknown = null;
    let orgs = [orgFixture];
    server.use(
      http.get(`${API}/api/orgs`, () => HttpResponse.json(page(orgs))),
      http.post(`${API}/api/orgs`, async ({ request }) => {
        body = await request.json();
        orgs = [orgFixture, created];
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const { user } = renderWithOrgs(
      <>
        <CreateOrgForm />
        <Current />
      </>,
    );
    await user.type(screen.getByLabelText("Organization name"), "  Lovelace Labs ");
    await user.click(screen.getByRole("button", { name: "Create organization" }));
    await waitFor(() => expect(screen.getByTestId("current")).toHaveTextContent("Lovelace Labs"));
    expect(body).toEqual({ name: "Lovelace Labs" });
  });

  it("asks for a name before calling the API", async () => {
    const { user } = renderWithOrgs(<CreateOrgForm />);
    await user.click(screen.getByRole("button", { name: "Create organization" }));
    expect(screen.getByLabelText("Organization name")).toHaveAccessibleDescription("Enter a name of 1 to 100 characters.");
  });

  it("shows the API's refusal", async () => {
    server.use(http.post(`${API}/api/orgs`, () => HttpResponse.json({ detail: "rate limit exceeded" }, { status: 429 })));
    const { user } = renderWithOrgs(<CreateOrgForm />);
    await user.type(screen.getByLabelText("Organization name"), "Acme");
    await user.click(screen.getByRole("button", { name: "Create organization" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("rate limit exceeded");
  });
});
