import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { AuditLog } from "@/components/audit/audit-log";
import { Invitations } from "@/components/orgs/invitations";

import { API } from "../fixtures";
import { orgFixture, page } from "../pro-fixtures";
import { renderWithApi } from "../render";
import { renderWithOrgs } from "../render-pro";
import { server } from "../server";

const AUDIT = `${API}/api/orgs/${orgFixture.id}/audit-log`;
const INVITATIONS = `${API}/api/orgs/${orgFixture.id}/invitations`;

describe("plan limits (402 Payment Required)", () => {
  it("explains that the audit log needs an upgrade and links to billing", async () => {
    server.use(
      http.get(AUDIT, () =>
        HttpResponse.json({ detail: "the audit log requires the Business plan" }, { status: 402 }),
      ),
    );
    renderWithOrgs(<AuditLog />);
    const link = await screen.findByRole("link", { name: "Upgrade Analytical Engines" });
    expect(link).toHaveAttribute("href", "/billing");
    expect(screen.getByText(/part of the Business plan/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("explains a member limit when inviting and how to lift it", async () => {
    server.use(
      http.get(INVITATIONS, () => HttpResponse.json(page([]))),
      http.post(INVITATIONS, () =>
        HttpResponse.json({ detail: "more than 5 members requires the Pro plan" }, { status: 402 }),
      ),
    );
    const { user } = renderWithApi(<Invitations org={orgFixture} />);
    await user.type(await screen.findByLabelText("E-mail"), "grace@example.com");
    await user.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "More than 5 members requires the Pro plan. Upgrade the plan on the Billing page.",
    );
  });
});
