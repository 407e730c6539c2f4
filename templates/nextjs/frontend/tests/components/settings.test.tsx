import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { Settings } from "@/components/settings/settings";

import { API, userFixture } from "../fixtures";
import { renderWithApi } from "../render";
import { server } from "../server";

vi.mock("@/lib/auth/client", () => ({ useSignOut: () => vi.fn() }));

describe("Settings: profile", () => {
  it("fills the form with the current profile", async () => {
    renderWithApi(<Settings />);
    expect(await screen.findByLabelText("Name")).toHaveValue("Ada Lovelace");
    expect(screen.getByLabelText("Avatar URL")).toHaveValue("");
  });

  it("saves the trimmed name with PATCH /api/users/me", async () => {
    let body: unknown = null;
    server.use(
      http.patch(`${API}/api/users/me`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...userFixture, name: "Ada King" });
      }),
    );
    const { user } = renderWithApi(<Settings />);
    const name = await screen.findByLabelText("Name");
    await user.clear(name);
    await user.type(name, "  Ada King ");
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Profile saved.");
    expect(body).toEqual({ name: "Ada King", avatar_url: null });
  });

  it("refuses an empty name without calling the API", async () => {
    const patch = vi.fn();
    server.use(http.patch(`${API}/api/users/me`, patch));
    const { user } = renderWithApi(<Settings />);
    await user.clear(await screen.findByLabelText("Name"));
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(patch).not.toHaveBeenCalled();
  });

  it("refuses an avatar address that is not https", async () => {
    const { user } = renderWithApi(<Settings />);
    await user.type(await screen.findByLabelText("Avatar URL"), "http://example.com/a.png");
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    expect(screen.getByText("Use an https:// address.")).toBeInTheDocument();
  });

  it("shows the API's validation message when saving fails", async () => {
    server.use(
      http.patch(`${API}/api/users/me`, () =>
        HttpResponse.json({ detail: [{ loc: ["body", "name"], msg: "too long", type: "x" }] }, { status: 422 }),
      ),
    );
    const { user } = renderWithApi(<Settings />);
    await screen.findByLabelText("Name");
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("name: too long"));
  });
});
