"use client";

import { useId } from "react";

import { useOrgs } from "./org-provider";

export function OrgSwitcher() {
  const { orgs, current, select } = useOrgs();
  const id = useId();
  if (orgs.length === 0) return null;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Organization
      </label>
      <select
        id={id}
        value={current?.id ?? ""}
        onChange={(e) => select(e.target.value)}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        {orgs.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name} ({org.role})
          </option>
        ))}
      </select>
    </div>
  );
}
