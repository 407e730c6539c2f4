// The invitation link carries its token in the URL fragment (#token=...): browsers never
// send a fragment to a server, so the token reaches no access log, proxy or Referer.
//
// The link opens a public page (/invite) that keeps the token in this tab's storage and
// moves on to the protected accept page. A signed-out invitee is sent to sign in on the
// way, and the fragment would not survive that redirect; the tab's storage does.

export const invitationLinkPath = "/invite";
export const acceptInvitationPath = "/invitations/accept";
// This tab's copy of the token (sessionStorage key).
export const TOKEN_STORAGE_KEY = "invitation-token";

/** The link an admin sends to the invitee. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}${invitationLinkPath}#${new URLSearchParams({ token }).toString()}`;
}

/** The token in a location's fragment (`#token=...`), or null. */
export function tokenFromFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") || null;
}

/**
 * Moves the token of the current location's fragment into this tab's storage and removes
 * the fragment from the address bar and history. Returns the token, or null.
 */
export function keepTokenFromFragment(): string | null {
  const token = tokenFromFragment(window.location.hash);
  if (token) {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
  }
  return token;
}
