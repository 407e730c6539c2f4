import { http, HttpResponse } from "msw";

import { API, plansFixture, userFixture } from "./fixtures";

/** Happy-path answers; a test overrides one with `server.use(...)`. */
export const defaultHandlers = [
  http.get(`${API}/api/users/me`, () => HttpResponse.json(userFixture)),
  http.get(`${API}/api/billing/plans`, () => HttpResponse.json({ plans: plansFixture })),
];
