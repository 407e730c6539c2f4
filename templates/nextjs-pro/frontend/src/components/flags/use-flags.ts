"use client";

import { useApi } from "@/components/api-provider";
import { useOrgs } from "@/components/orgs/org-provider";
import { unwrap } from "@/lib/api/client";
import { useResource } from "@/lib/use-resource";

/**
 * Feature flags evaluated by the backend for the user (and current organization). While
 * loading or on error every flag reads as off, so a flagged feature never flashes on.
 */
export function useFlags() {
  const api = useApi();
  const { current, state: orgState } = useOrgs();
  const orgId = current?.id;
  const key = orgState.status === "loading" ? null : `flags:${orgId ?? "-"}`;
  const { state } = useResource(key, async () => {
    const { flags } = await unwrap(api.GET("/api/flags", { params: { query: orgId ? { org_id: orgId } : {} } }));
    return flags;
  });
  const flags = state.status === "ready" ? state.data : {};
  return {
    ready: state.status === "ready",
    isOn: (flag: string): boolean => flags[flag] === true,
  };
}
