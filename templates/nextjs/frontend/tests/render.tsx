import { render, type RenderOptions } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";

import { ApiProvider } from "@/components/api-provider";
import { createApiClient } from "@/lib/api/client";

import { API } from "./fixtures";

export const TEST_TOKEN = "test-access-token";

/** Renders `ui` inside an ApiProvider whose client talks to the mocked API with a token. */
export function renderWithApi(ui: ReactElement, options?: RenderOptions) {
  const client = createApiClient({ baseUrl: API, getToken: async () => TEST_TOKEN });
  return {
    user: userEvent.setup(),
    ...render(<ApiProvider client={client}>{ui}</ApiProvider>, options),
  };
}
