import type { ReactElement } from "react";

import { OrgProvider } from "@/components/orgs/org-provider";

import { renderWithApi } from "./render";

/** renderWithApi inside an OrgProvider (which loads GET /api/orgs). */
export function renderWithOrgs(ui: ReactElement) {
  return renderWithApi(<OrgProvider>{ui}</OrgProvider>);
}
