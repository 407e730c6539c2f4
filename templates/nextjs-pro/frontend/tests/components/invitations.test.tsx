import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { Invitations } from "@/components/orgs/invitations";

import { API } from "../fixtures";
import { invitationFixture, orgFixture, page } from "../pro-fixtures";
import { renderWithApi } from "../render";
import { server } from "../server";

const INVITATIONS = `${API}/api/orgs/${orgFixture.id}/invitations`;

describe("Invitations", () => {
  it("lists the pending invitations", async () => {
    server.use(http.get(INVITATIONS, () => HttpResponse.json(page([invitationFixture]))));
    renderWithApi(<Invitations org={orgFixture} />);
    const list = await screen.findByRole("list", { name: "Pending invitations" });
    expect(within(list).getByText(/mary@example.com · admin · expires Mar 10, 2026/)).toBeInTheDocument();
  });

  it("invites by e-mail and role and shows the link once", async () => {
    let body: unknown = null;
    server.use(
      http.get(INVITATIONS, () => HttpResponse.json(page([]))),
      http.post(INVITATIONS, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...invitationFixture, email: "grace@example.com", role: "member", token: "tok_123" }, { status: 201 });
      }),
    );
    const { user } = renderWithApi(<Invitations org={orgFixture} />);
    await user.type(await screen.findByLabelText("E-mail"), "grace@example.com");
    await user.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByRole("status")).toHaveTextContent(`${window.location.origin}/invite#token=tok_123`);
    expect(body).toEqual({ email: "grace@example.com", role: "member" });
    expect(screen.getByText(/grace@example.com · member/)).toBeInTheDocument();
    expect(screen.getByLabelText("E-mail")).toHaveValue("");
  });

  it("says so when the person is already invited", async () => {
    server.use(
      http.get(INVITATIONS, () => HttpResponse.json(page([]))),
      http.post(INVITATIONS, () => HttpResponse.json({ detail: "already invited" }, { status: 409 })),
    );
    const { user } = renderWithApi(<Invitations org={orgFixture} />);
    await user.type(await screen.findByLabelText("E-mail"), "mary@example.com");
    await user.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("already invited");
  });

  it("checks the e-mail address before calling the API", async () => {
    const post = vi.fn();
    server.use(http.get(INVITATIONS, () => HttpResponse.json(page([]))), http.post(INVITATIONS, post));
    const { user } = renderWithApi(<Invitations org={orgFixture} />);
    await user.type(await screen.findByLabelText("E-mail"), "not-an-address");
    await user.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(screen.getByLabelText("E-mail")).toHaveAccessibleDescription("Enter a valid e-mail address.");
    expect(post).not.toHaveBeenCalled();
  });

  it("only lets an owner invite another owner", async () => {
    server.use(http.get(INVITATIONS, () => HttpResponse.json(page([]))));
    renderWithApi(<Invitations org={{ ...orgFixture, role: "admin" }} />);
    const options = within(await screen.findByLabelText("Role")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["admin", "member"]);
  });

  it("revokes an invitation", async () => {
    const revoke = vi.fn(() => new HttpResponse(null, { status: 204 }));
    server.use(
      http.get(INVITATIONS, () => HttpResponse.json(page([invitationFixture]))),
      http.delete(`${INVITATIONS}/${invitationFixture.id}`, revoke),
    );
    const { user } = renderWithApi(<Invitations org={orgFixture} />);
    await user.click(await screen.findByRole("button", { name: "Revoke invitation for mary@example.com" }));
    expect(await screen.findByText("No pending invitations.")).toBeInTheDocument();
    expect(revoke).toHaveBeenCalledOnce();
  });

  it("offers Load more while there is a next page, and appends the page it fetches with the cursor", async () => {
    const second = { ...invitationFixture, id: "7e57ab1e-0000-4000-8000-0000000000a2", email: "grace@example.com" };
    const queries: string[] = [];
    server.use(
      http.get(INVITATIONS, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query.toString());
        return HttpResponse.json(query.get("cursor") === "next-1" ? page([second]) : page([invitationFixture], "next-1"));
      }),
    );
    const { user } = renderWithApi(<Invitations org={orgFixture} />);
    await user.click(await screen.findByRole("button", { name: "Load more invitations" }));
    const list = await screen.findByRole("list", { name: "Pending invitations" });
    await vi.waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    expect(within(list).getByText(/grace@example.com/)).toBeInTheDocument();
    expect(queries).toEqual(["limit=50", "limit=50&cursor=next-1"]);
    expect(screen.queryByRole("button", { name: "Load more invitations" })).not.toBeInTheDocument();
  });

  it("shows no Load more on the last page", async () => {
    server.use(http.get(INVITATIONS, () => HttpResponse.json(page([invitationFixture]))));
    renderWithApi(<Invitations org={orgFixture} />);
    await screen.findByRole("list", { name: "Pending invitations" });
    expect(screen.queryByRole("button", { name: /Load more/ })).not.toBeInTheDocument();
  });
});
