import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it } from "vitest";

import { AcceptInvitation, TOKEN_STORAGE_KEY } from "@/components/orgs/accept-invitation";

import { API } from "../fixtures";
import { memberFixtures } from "../pro-fixtures";
import { renderWithOrgs } from "../render-pro";
import { server } from "../server";

const ACCEPT = `${API}/api/invitations/accept`;

/** Opens the page as the invitation link does: the token in the URL fragment. */
function openLink(token = "tok_abc") {
  window.history.replaceState(null, "", `/invitations/accept#token=${token}`);
}

async function accept(status: number, body: object) {
  server.use(http.post(ACCEPT, () => HttpResponse.json(body, { status })));
  openLink();
  const { user } = renderWithOrgs(<AcceptInvitation />);
  await user.click(await screen.findByRole("button", { name: "Accept invitation" }));
}

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, "", "/");
});

describe("AcceptInvitation", () => {
  it("sends the token from the link's fragment in the body, never in a URL", async () => {
    let sent: { url: string; body: unknown } | null = null;
    server.use(
      http.post(`${API}/api/invitations/*`, async ({ request }) => {
        sent = { url: request.url, body: await request.json() };
        return HttpResponse.json({ ...memberFixtures[1], role: "admin" });
      }),
    );
    openLink("tok_s3cret");
    const { user } = renderWithOrgs(<AcceptInvitation />);
    await user.click(await screen.findByRole("button", { name: "Accept invitation" }));
    expect(await screen.findByRole("status")).toHaveTextContent("You joined the organization as admin.");
    expect(sent).toEqual({ url: ACCEPT, body: { token: "tok_s3cret" } });
  });

  it("removes the token from the address bar once read", async () => {
    openLink("tok_s3cret");
    renderWithOrgs(<AcceptInvitation />);
    await screen.findByRole("button", { name: "Accept invitation" });
    expect(window.location.href).not.toContain("tok_s3cret");
    expect(window.location.pathname).toBe("/invitations/accept");
  });

  it("still accepts after a reload of the cleaned address", async () => {
    let body: unknown = null;
    server.use(
      http.post(ACCEPT, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(memberFixtures[1]);
      }),
    );
    openLink("tok_reload");
    const first = renderWithOrgs(<AcceptInvitation />);
    await screen.findByRole("button", { name: "Accept invitation" });
    first.unmount();
    const { user } = renderWithOrgs(<AcceptInvitation />);
    await user.click(await screen.findByRole("button", { name: "Accept invitation" }));
    await screen.findByRole("status");
    expect(body).toEqual({ token: "tok_reload" });
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it("explains a page opened without the invitation link", async () => {
    renderWithOrgs(<AcceptInvitation />);
    expect(await screen.findByRole("alert")).toHaveTextContent(/needs the link from your invitation/);
    expect(screen.queryByRole("button", { name: "Accept invitation" })).not.toBeInTheDocument();
  });

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
