import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { DeleteAccount } from "@/components/settings/delete-account";

import { API } from "../fixtures";
import { renderWithApi } from "../render";
import { server } from "../server";

const signOut = vi.fn(async () => {});
vi.mock("@/lib/auth/client", () => ({ useSignOut: () => signOut }));

describe("DeleteAccount", () => {
  beforeEach(() => signOut.mockClear());

  it("stays disabled until the confirmation phrase is typed", async () => {
    const { user } = renderWithApi(<DeleteAccount />);
    const button = screen.getByRole("button", { name: "Delete my account" });
    expect(button).toBeDisabled();
    await user.type(screen.getByLabelText(/to confirm/), "delete my account");
    expect(button).toBeEnabled();
  });

  it("deletes the account with DELETE /api/users/me, then signs out", async () => {
    const remove = vi.fn(() => new HttpResponse(null, { status: 204 }));
    server.use(http.delete(`${API}/api/users/me`, remove));
    const { user } = renderWithApi(<DeleteAccount />);
    await user.type(screen.getByLabelText(/to confirm/), "delete my account");
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    await vi.waitFor(() => expect(signOut).toHaveBeenCalledOnce());
    expect(remove).toHaveBeenCalledOnce();
  });

  it("keeps the user signed in and explains when deletion fails", async () => {
    server.use(
      http.delete(`${API}/api/users/me`, () => HttpResponse.json({ detail: "rate limit exceeded" }, { status: 429 })),
    );
    const { user } = renderWithApi(<DeleteAccount />);
    await user.type(screen.getByLabelText(/to confirm/), "delete my account");
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("rate limit exceeded");
    expect(signOut).not.toHaveBeenCalled();
  });
});
