// The invitation link carries its token in the URL fragment (#token=...): browsers never
// send a fragment to a server, so the token reaches no access log, proxy or Referer.

export const acceptInvitationPath = "/invitations/accept";

/** The link an admin sends to the invitee. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}${acceptInvitationPath}#${new URLSearchParams({ token }).toString()}`;
}

/** The token in a location's fragment (`#token=...`), or null. */
export function tokenFromFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") || null;
}
