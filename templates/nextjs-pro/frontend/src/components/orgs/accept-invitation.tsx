"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, errorMessage, unwrap } from "@/lib/api/client";
import { keepTokenFromFragment, TOKEN_STORAGE_KEY } from "@/lib/invitation-link";

import { useOrgs } from "./org-provider";

const REASONS: Record<number, string> = {
  403: "This invitation was sent to another e-mail address, or yours is not verified yet. Sign in with the invited address and verify it to accept.",
  404: "This invitation does not exist. Ask for a new one.",
  409: "You are already a member of this organization.",
  410: "This invitation has expired or was revoked. Ask for a new one.",
};

export { TOKEN_STORAGE_KEY };

/**
 * The invitation's token, read in the browser: from the URL fragment (then removed from
 * the address bar and history), else from this tab's storage, where the public /invite
 * page puts it before a signed-out invitee signs in. `undefined` until read, `null` when
 * there is none.
 */
function useInvitationToken(): string | null | undefined {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setToken(keepTokenFromFragment() ?? window.sessionStorage.getItem(TOKEN_STORAGE_KEY));
  }, []);
  return token;
}

export function AcceptInvitation() {
  const api = useApi();
  const { reload } = useOrgs();
  const token = useInvitationToken();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function accept(value: string) {
    setPending(true);
    try {
      const member = await unwrap(api.POST("/api/invitations/accept", { body: { token: value } }));
      window.sessionStorage.removeItem(TOKEN_STORAGE_KEY);
      setResult({ ok: true, text: `You joined the organization as ${member.role}.` });
      reload();
    } catch (err) {
      const reason = err instanceof ApiError ? REASONS[err.status] : undefined;
      setResult({ ok: false, text: reason ?? errorMessage(err) });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-semibold">Join an organization</h1>
      {result ? (
        <>
          <Alert tone={result.ok ? "success" : "error"}>{result.text}</Alert>
          <Link href="/orgs" className="text-brand underline">
            Go to your organizations
          </Link>
        </>
      ) : token === null ? (
        <Alert tone="error">
          This page needs the link from your invitation. Open that link again.
        </Alert>
      ) : token !== undefined ? (
        <div>
          <Button onClick={() => void accept(token)} pending={pending}>
            Accept invitation
          </Button>
        </div>
      ) : null}
    </section>
  );
}
