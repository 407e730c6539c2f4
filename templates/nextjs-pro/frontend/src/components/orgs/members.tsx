"use client";

import { useState } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage, unwrap, type Schemas } from "@/lib/api/client";
import { formatDate } from "@/lib/format";
import { pageQuery, usePages } from "@/lib/pages";
import { canManage, ROLES, type Role } from "@/lib/roles";
import { useResource } from "@/lib/use-resource";

import { LoadMore } from "./load-more";

type Organization = Schemas["Organization"];

const PAGE_SIZE = 50;

/** Members of an organization; owners and admins change roles and remove members. */
export function Members({ org, onLeft }: { org: Organization; onLeft?: () => void }) {
  const api = useApi();
  const me = useResource("me", () => unwrap(api.GET("/api/users/me")));
  const pages = usePages(`members:${org.id}`, (cursor?: string) =>
    unwrap(
      api.GET("/api/orgs/{org_id}/members", {
        params: { path: { org_id: org.id }, query: pageQuery(PAGE_SIZE, cursor) },
      }),
    ),
  );
  const { state, setItems } = pages;
  const [error, setError] = useState<string | null>(null);
  const manage = canManage(org.role);

  if (state.status === "loading" || me.state.status === "loading") return <Spinner label="Loading members" />;
  if (state.status === "error") return <LoadError what="members" error={state.error} onRetry={pages.reload} />;
  if (me.state.status === "error") return <LoadError what="members" error={me.state.error} onRetry={me.reload} />;
  const { items: members, next_cursor: nextCursor } = state.data;
  const meId = me.state.data.id;

  async function changeRole(userId: string, role: Role) {
    setError(null);
    try {
      const updated = await unwrap(
        api.PATCH("/api/orgs/{org_id}/members/{user_id}", {
          params: { path: { org_id: org.id, user_id: userId } },
          body: { role },
        }),
      );
      setItems(members.map((m) => (m.user_id === userId ? updated : m)));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function remove(userId: string) {
    setError(null);
    try {
      await unwrap(
        api.DELETE("/api/orgs/{org_id}/members/{user_id}", { params: { path: { org_id: org.id, user_id: userId } } }),
      );
      if (userId === meId) {
        onLeft?.();
        return;
      }
      setItems(members.filter((m) => m.user_id !== userId));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-3">
      <h2 id="members-heading" className="text-lg font-semibold">
        Members
      </h2>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const label = member.name ?? member.email ?? member.user_id;
            const isMe = member.user_id === meId;
            return (
              <tr key={member.user_id} className="border-b border-slate-100">
                <td className="py-2">
                  {label}
                  {isMe ? " (you)" : ""}
                </td>
                <td>
                  {manage && !isMe ? (
                    <select
                      aria-label={`Role of ${label}`}
                      value={member.role}
                      onChange={(e) => void changeRole(member.user_id, e.target.value as Role)}
                      className="rounded border border-slate-300 px-1 py-0.5"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  ) : (
                    member.role
                  )}
                </td>
                <td>{formatDate(member.joined_at)}</td>
                <td className="text-right">
                  {isMe ? (
                    <Button variant="secondary" onClick={() => void remove(member.user_id)}>
                      Leave organization
                    </Button>
                  ) : manage ? (
                    <Button variant="secondary" onClick={() => void remove(member.user_id)} aria-label={`Remove ${label}`}>
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <LoadMore
        what="members"
        hasMore={nextCursor !== null}
        pending={pages.loadingMore}
        error={pages.moreError}
        onLoadMore={pages.loadMore}
      />
    </section>
  );
}
