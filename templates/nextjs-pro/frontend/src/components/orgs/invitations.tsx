"use client";

import { useState, type FormEvent } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LoadError } from "@/components/ui/load-error";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage, unwrap, type Schemas } from "@/lib/api/client";
import { formatDate } from "@/lib/format";
import { invitationLink } from "@/lib/invitation-link";
import { pageQuery, usePages } from "@/lib/pages";
import { ROLES, type Role } from "@/lib/roles";

import { LoadMore } from "./load-more";

type Organization = Schemas["Organization"];

const PAGE_SIZE = 50;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Pending invitations of an organization (owners and admins only), and the invite form. */
export function Invitations({ org }: { org: Organization }) {
  const api = useApi();
  const path = { params: { path: { org_id: org.id } } };
  const pages = usePages(`invitations:${org.id}`, (cursor?: string) =>
    unwrap(api.GET("/api/orgs/{org_id}/invitations", { params: { ...path.params, query: pageQuery(PAGE_SIZE, cursor) } })),
  );
  const { state, reload, setItems } = pages;
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [emailError, setEmailError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviteLink, setInviteLink] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (state.status === "loading") return <Spinner label="Loading invitations" />;
  if (state.status === "error") return <LoadError what="invitations" error={state.error} onRetry={reload} />;
  const { items: invitations, next_cursor: nextCursor } = state.data;

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setInviteLink(null);
    if (!EMAIL.test(email.trim())) {
      setEmailError("Enter a valid e-mail address.");
      return;
    }
    setEmailError(null);
    setPending(true);
    try {
      const created = await unwrap(
        api.POST("/api/orgs/{org_id}/invitations", { ...path, body: { email: email.trim(), role } }),
      );
      const { token, ...invitation } = created;
      setItems([...invitations, invitation]);
      setInviteLink(invitationLink(window.location.origin, token));
      setEmail("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  async function revoke(invitationId: string) {
    setError(null);
    try {
      await unwrap(
        api.DELETE("/api/orgs/{org_id}/invitations/{invitation_id}", {
          params: { path: { org_id: org.id, invitation_id: invitationId } },
        }),
      );
      setItems(invitations.filter((inv) => inv.id !== invitationId));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section aria-labelledby="invitations-heading" className="flex flex-col gap-4">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Invitations
      </h2>
      <form onSubmit={invite} noValidate aria-label="Invite a member" className="flex flex-wrap items-end gap-3">
        <Field label="E-mail" name="email" type="email" value={email} error={emailError} onChange={(e) => setEmail(e.target.value)} />
        <div className="flex flex-col gap-1">
          <label htmlFor="invite-role" className="text-sm font-medium">
            Role
          </label>
          <select
            id="invite-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className="rounded-md border border-slate-300 px-2 py-2 text-sm"
          >
            {ROLES.filter((r) => r !== "owner" || org.role === "owner").map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" pending={pending}>
          Send invitation
        </Button>
      </form>
      {inviteLink ? (
        <Alert tone="success">
          Invitation created. Send this link to the invitee; it is shown only once:{" "}
          <code className="break-all">{inviteLink}</code>
        </Alert>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-600">No pending invitations.</p>
      ) : (
        <ul aria-label="Pending invitations" className="flex flex-col gap-2">
          {invitations.map((inv) => (
            <li key={inv.id} className="flex items-center justify-between gap-3 text-sm">
              <span>
                {inv.email} · {inv.role} · expires {formatDate(inv.expires_at)}
              </span>
              <Button variant="secondary" onClick={() => void revoke(inv.id)} aria-label={`Revoke invitation for ${inv.email}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        what="invitations"
        hasMore={nextCursor !== null}
        pending={pages.loadingMore}
        error={pages.moreError}
        onLoadMore={pages.loadMore}
      />
    </section>
  );
}
