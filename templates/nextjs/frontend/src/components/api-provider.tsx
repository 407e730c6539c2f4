"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";

import { createApiClient, type ApiClient, type TokenGetter } from "@/lib/api/client";

const ApiContext = createContext<ApiClient | null>(null);

interface ApiProviderProps {
  children: ReactNode;
  /** A ready client (tests pass one); otherwise one is made with `getToken`. */
  client?: ApiClient;
  getToken?: TokenGetter;
}

export function ApiProvider({ children, client, getToken }: ApiProviderProps) {
  const value = useMemo(() => client ?? createApiClient({ getToken }), [client, getToken]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

/** The API client of the nearest ApiProvider (it carries the user's access token). */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error("useApi must be used inside <ApiProvider>");
  return client;
}
