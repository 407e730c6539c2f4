import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { Members } from "@/components/orgs/members";

import { API, userFixture } from "../fixtures";
import { memberFixtures, orgFixture, page } from "../pro-fixtures";
import { renderWithApi } from "../render";
import { server } from "../server";

const MEMBERS = `${API}/api/orgs/${orgFixture.id}/members`;
const charles = memberFixtures[1]!;

describe("Members", () => {
  it("lists members with their roles and marks the current user", async () => {
    server.use(http.get(MEMBERS, () => HttpResponse.json(page(memberFixtures))));
    renderWithApi(<Members org={{ ...orgFixture, role: "member" }} />);
    const rows = await screen.findAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByText("Ada Lovelace (you)")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("member")).toBeInTheDocument();
  });

  it("lets an owner change a member's role", async () => {
    let body: unknown = null;
    server.use(
      http.get(MEMBERS, () => HttpResponse.json(page(memberFixtures))),
      http.patch(`${MEMBERS}/${charles.user_id}`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...charles, role: "admin" });
      }),
    );
    const { user } = renderWithApi(<Members org={orgFixture} />);
    await user.selectOptions(await screen.findByLabelText("Role of Charles Babbage"), "admin");
    expect(body).toEqual({ role: "admin" });
    expect(screen.getByLabelText("Role of Charles Babbage")).toHaveValue("admin");
  });

  it("explains why the last owner cannot be demoted", async () => {
    server.use(
      http.get(MEMBERS, () => HttpResponse.json(page([memberFixtures[0], { ...charles, role: "owner" }]))),
      http.patch(`${MEMBERS}/${charles.user_id}`, () =>
        HttpResponse.json({ detail: "an organization needs at least one owner" }, { status: 409 }),
      ),
    );
    const { user } = renderWithApi(<Members org={orgFixture} />);
    await user.selectOptions(await screen.findByLabelText("Role of Charles Babbage"), "member");
    expect(await screen.findByRole("alert")).toHaveTextContent("an organization needs at least one owner");
  });

  it("lets an admin remove a member", async () => {
    const remove = vi.fn(() => new HttpResponse(null, { status: 204 }));
    server.use(http.get(MEMBERS, () => HttpResponse.json(page(memberFixtures))), http.delete(`${MEMBERS}/${charles.user_id}`, remove));
    const { user } = renderWithApi(<Members org={{ ...orgFixture, role: "admin" }} />);
    await user.click(await screen.findByRole("button", { name: "Remove Charles Babbage" }));
    await vi.waitFor(() => expect(screen.queryByText("Charles Babbage")).not.toBeInTheDocument());
    expect(remove).toHaveBeenCalledOnce();
  });

  it("shows a plain member no role or remove controls", async () => {
    server.use(http.get(MEMBERS, () => HttpResponse.json(page(memberFixtures))));
    renderWithApi(<Members org={{ ...orgFixture, role: "member" }} />);
    await screen.findByText("Charles Babbage");
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
  });

  it("lets a member leave the organization", async () => {
    const onLeft = vi.fn();
    server.use(
      http.get(MEMBERS, () => HttpResponse.json(page(memberFixtures))),
      http.delete(`${MEMBERS}/${userFixture.id}`, () => new HttpResponse(null, { status: 204 })),
    );
    const { user } = renderWithApi(<Members org={{ ...orgFixture, role: "member" }} onLeft={onLeft} />);
    await user.click(await screen.findByRole("button", { name: "Leave organization" }));
    await vi.waitFor(() => expect(onLeft).toHaveBeenCalledOnce());
  });

  it("hides the organization when the API says it does not exist", async () => {
    server.use(http.get(MEMBERS, () => HttpResponse.json({ detail: "organization not found" }, { status: 404 })));
    renderWithApi(<Members org={orgFixture} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not load members: organization not found");
  });

  it("offers Load more while there is a next page, and appends the page it fetches with the cursor", async () => {
    const cursors: (string | null)[] = [];
    server.use(
      http.get(MEMBERS, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        cursors.push(cursor);
        return HttpResponse.json(cursor === "c1" ? page([charles]) : page([memberFixtures[0]!], "c1"));
      }),
    );
    const { user } = renderWithApi(<Members org={orgFixture} />);
    await user.click(await screen.findByRole("button", { name: "Load more members" }));
    expect(await screen.findByText("Charles Babbage")).toBeInTheDocument();
    expect(screen.getByText("Ada Lovelace (you)")).toBeInTheDocument();
    expect(cursors).toEqual([null, "c1"]);
    expect(screen.queryByRole("button", { name: "Load more members" })).not.toBeInTheDocument();
  });

  it("shows no Load more on the last page", async () => {
    server.use(http.get(MEMBERS, () => HttpResponse.json(page(memberFixtures))));
    renderWithApi(<Members org={orgFixture} />);
    await screen.findByText("Charles Babbage");
    expect(screen.queryByRole("button", { name: /Load more/ })).not.toBeInTheDocument();
  });
});
