"use client";

import Link from "next/link";
import { useState } from "react";

import { useApi } from "@/components/api-provider";
import { useOrgs } from "@/components/orgs/org-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage, unwrap, type Schemas } from "@/lib/api/client";
import { isPlanRequired } from "@/lib/api/errors";
import { formatDate } from "@/lib/format";
import { canManage } from "@/lib/roles";
import { useResource } from "@/lib/use-resource";

type AuditEntry = Schemas["AuditEntry"];

const PAGE_SIZE = 50;

/** The organization's audit log, newest first, for owners and admins. */
export function AuditLog() {
  const { current, state: orgState } = useOrgs();
  if (orgState.status === "loading") return <Spinner label="Loading organizations" />;
  if (!current) {
    return (
      <p>
        You are not in an organization yet. <Link href="/orgs" className="text-brand underline">Create one</Link>.
      </p>
    );
  }
  if (!canManage(current.role)) {
    return <Alert tone="info">Only owners and admins of {current.name} can see its audit log.</Alert>;
  }
  return <AuditTable orgId={current.id} orgName={current.name} />;
}

function AuditTable({ orgId, orgName }: { orgId: string; orgName: string }) {
  const api = useApi();
  const page = (before?: string) =>
    unwrap(
      api.GET("/api/orgs/{org_id}/audit-log", {
        params: { path: { org_id: orgId }, query: before ? { limit: PAGE_SIZE, before } : { limit: PAGE_SIZE } },
      }),
    );
  const { state, reload, setData } = useResource(`audit:${orgId}`, () => page());
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  if (state.status === "loading") return <Spinner label="Loading audit log" />;
  if (state.status === "error" && isPlanRequired(state.error)) return <PlanRequired orgName={orgName} />;
  if (state.status === "error") return <LoadError what="the audit log" error={state.error} onRetry={reload} />;
  const { items, next_before: nextBefore } = state.data;

  async function loadMore() {
    if (!nextBefore) return;
    setMoreError(null);
    setLoadingMore(true);
    try {
      const next = await page(nextBefore);
      setData({ items: [...items, ...next.items], next_before: next.next_before });
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Audit log · {orgName}</h1>
      {items.length === 0 ? (
        <p className="text-slate-600">Nothing has been recorded yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit log entries, newest first</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2">When</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry: AuditEntry) => (
              <tr key={entry.id} className="border-b border-slate-100">
                <td className="py-2">{formatDate(entry.created_at)}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.target ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {moreError ? <Alert tone="error">{moreError}</Alert> : null}
      {nextBefore ? (
        <div>
          <Button variant="secondary" onClick={() => void loadMore()} pending={loadingMore}>
            Load older entries
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** The audit log is a paid feature (402): say so and point to the Billing page, not "try again". */
function PlanRequired({ orgName }: { orgName: string }) {
  return (
    <section className="flex flex-col items-start gap-3">
      <h1 className="text-2xl font-semibold">Audit log · {orgName}</h1>
      <Alert tone="info">
        The audit log is part of the Business plan.{" "}
        <Link href="/billing" className="text-brand underline">
          Upgrade {orgName}
        </Link>{" "}
        to see who did what and when.
      </Alert>
    </section>
  );
}
