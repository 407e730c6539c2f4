"use client";

import Link from "next/link";
import { useState } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, errorMessage, unwrap } from "@/lib/api/client";

import { useOrgs } from "./org-provider";

const REASONS: Record<number, string> = {
  403: "This invitation was sent to another e-mail address, or yours is not verified yet. Sign in with the invited address and verify it to accept.",
  404: "This invitation does not exist. Ask for a new one.",
  409: "You are already a member of this organization.",
  410: "This invitation has expired or was revoked. Ask for a new one.",
};

export function AcceptInvitation({ token }: { token: string }) {
  const api = useApi();
  const { reload } = useOrgs();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function accept() {
    setPending(true);
    try {
      const member = await unwrap(api.POST("/api/invitations/{token}/accept", { params: { path: { token } } }));
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
      ) : (
        <div>
          <Button onClick={() => void accept()} pending={pending}>
            Accept invitation
          </Button>
        </div>
      )}
    </section>
  );
}
