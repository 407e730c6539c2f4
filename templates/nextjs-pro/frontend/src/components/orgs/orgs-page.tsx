"use client";

import Link from "next/link";

import { LoadError } from "@/components/ui/load-error";
import { Spinner } from "@/components/ui/spinner";
import { canManage } from "@/lib/roles";

import { CreateOrgForm } from "./create-org-form";
import { Invitations } from "./invitations";
import { Members } from "./members";
import { useOrgs } from "./org-provider";
import { OrgSwitcher } from "./org-switcher";

export function OrgsPage() {
  const { state, current, reload } = useOrgs();
  if (state.status === "loading") return <Spinner label="Loading organizations" />;
  if (state.status === "error") return <LoadError what="your organizations" error={state.error} onRetry={reload} />;

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <OrgSwitcher />
      </div>
      {current ? (
        <>
          <p className="text-slate-600">
            You are <strong>{current.role}</strong> of <strong>{current.name}</strong>.
            {canManage(current.role) ? (
              <>
                {" "}
                <Link href="/orgs/audit-log" className="text-brand underline">
                  View the audit log
                </Link>
              </>
            ) : null}
          </p>
          <Members key={`m-${current.id}`} org={current} onLeft={reload} />
          {canManage(current.role) ? <Invitations key={`i-${current.id}`} org={current} /> : null}
        </>
      ) : (
        <p className="text-slate-600">You are not in an organization yet. Create one to invite your team.</p>
      )}
      <CreateOrgForm />
    </div>
  );
}
