"use client";

import type { ReactNode } from "react";

import { ApiProvider } from "@/components/api-provider";
import { useAccessToken } from "@/lib/auth/client";

/** Gives the pages below it an API client that sends the Auth0 access token. */
export function AuthedApiProvider({ children }: { children: ReactNode }) {
  const getToken = useAccessToken();
  return <ApiProvider getToken={getToken}>{children}</ApiProvider>;
}
