import { render, screen } from "@testing-library/react";
import { useRouter } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";

import { AcceptInvitation } from "@/components/orgs/accept-invitation";
import { InvitationHandoff } from "@/components/orgs/invitation-handoff";
import { TOKEN_STORAGE_KEY } from "@/lib/invitation-link";

import { renderWithOrgs } from "../render-pro";

vi.mock("next/navigation", () => ({ useRouter: vi.fn() }));

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, "", "/");
});

describe("InvitationHandoff (the public /invite page)", () => {
  it("keeps the token in this tab and opens the protected accept page", () => {
    const replace = vi.fn();
    vi.mocked(useRouter).mockReturnValue({ replace } as unknown as ReturnType<typeof useRouter>);
    window.history.replaceState(null, "", "/invite#token=tok_handoff");

    render(<InvitationHandoff />);

    expect(screen.getByText(/Opening your invitation/)).toBeInTheDocument();
    expect(replace).toHaveBeenCalledWith("/invitations/accept");
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe("tok_handoff");
    expect(window.location.hash).toBe("");
  });

  it("lets the accept page find the token after a sign-in redirect dropped the fragment", async () => {
    vi.mocked(useRouter).mockReturnValue({ replace: vi.fn() } as unknown as ReturnType<typeof useRouter>);
    window.history.replaceState(null, "", "/invite#token=tok_after_sign_in");
    render(<InvitationHandoff />);
    // The sign-in round trip comes back to the accept page without any fragment.
    window.history.replaceState(null, "", "/invitations/accept");

    renderWithOrgs(<AcceptInvitation />);

    expect(await screen.findByRole("button", { name: "Accept invitation" })).toBeInTheDocument();
  });
});
