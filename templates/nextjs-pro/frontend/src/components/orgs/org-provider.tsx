"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

import { useApi } from "@/components/api-provider";
import { unwrap, type Schemas } from "@/lib/api/client";
import { allPages, MAX_PAGE_SIZE, pageQuery } from "@/lib/pages";
import { useResource, type ResourceState } from "@/lib/use-resource";

type Organization = Schemas["Organization"];

const STORAGE_KEY = "current-org-id";

interface OrgContextValue {
  state: ResourceState<Organization[]>;
  orgs: Organization[];
  current: Organization | null;
  select: (orgId: string) => void;
  reload: () => void;
}

const OrgContext = createContext<OrgContextValue | null>(null);

/** The caller's organizations and the one they are working in (remembered per browser). */
export function OrgProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  // Every organization the user belongs to, for the switcher: follows next_cursor to the
  // last page, MAX_PAGE_SIZE per request, so no single request grows with the list.
  const { state, reload } = useResource("orgs", () =>
    allPages((cursor?: string) => unwrap(api.GET("/api/orgs", { params: { query: pageQuery(MAX_PAGE_SIZE, cursor) } }))),
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    setSelectedId(window.localStorage.getItem(STORAGE_KEY));
  }, []);

  const select = useCallback((orgId: string) => {
    window.localStorage.setItem(STORAGE_KEY, orgId);
    setSelectedId(orgId);
  }, []);

  const value = useMemo<OrgContextValue>(() => {
    const orgs = state.status === "ready" ? state.data : [];
    const current = orgs.find((org) => org.id === selectedId) ?? orgs[0] ?? null;
    return { state, orgs, current, select, reload };
  }, [state, selectedId, select, reload]);

  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export function useOrgs(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrgs must be used inside <OrgProvider>");
  return value;
}
