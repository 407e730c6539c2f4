import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { AcceptInvitation } from "@/components/orgs/accept-invitation";

import { API } from "../fixtures";
import { memberFixtures } from "../pro-fixtures";
import { renderWithOrgs } from "../render-pro";
import { server } from "../server";

const ACCEPT = `${API}/api/invitations/tok_abc/accept`;

async function accept(status: number, body: object) {
  server.use(http.post(ACCEPT, () => HttpResponse.json(body, { status })));
  const { user } = renderWithOrgs(<AcceptInvitation token="tok_abc" />);
  await user.click(screen.getByRole("button", { name: "Accept invitation" }));
}

describe("AcceptInvitation", () => {
  it("joins the organization with the invited role", async () => {
    await accept(200, { ...memberFixtures[1], role: "admin" });
    expect(await screen.findByRole("status")).toHaveTextContent("You joined the organization as admin.");
    expect(screen.getByRole("link", { name: "Go to your organizations" })).toHaveAttribute("href", "/orgs");
  });

  it("explains an expired or revoked invitation (410)", async () => {
    await accept(410, { detail: "invitation expired" });
    expect(await screen.findByRole("alert")).toHaveTextContent(/expired or was revoked/);
  });

  it("explains an invitation sent to another address (403)", async () => {
    await accept(403, { detail: "e-mail mismatch" });
    expect(await screen.findByRole("alert")).toHaveTextContent(/sent to another e-mail address/);
  });

  it("asks for a verified address when the invited one is not verified yet (403)", async () => {
    await accept(403, { detail: "verify your e-mail address to accept invitations" });
    expect(await screen.findByRole("alert")).toHaveTextContent(/not verified yet/);
  });

  it("explains an unknown invitation (404)", async () => {
    await accept(404, { detail: "not found" });
    expect(await screen.findByRole("alert")).toHaveTextContent(/does not exist/);
  });

  it("tells an existing member they are already in (409)", async () => {
    await accept(409, { detail: "already a member" });
    expect(await screen.findByRole("alert")).toHaveTextContent(/already a member/);
  });
});
