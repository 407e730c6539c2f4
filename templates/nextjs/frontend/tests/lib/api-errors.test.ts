import { describe, expect, it } from "vitest";

import { ApiError, errorMessage, isPlanRequired, UPGRADE_HINT } from "@/lib/api/errors";

describe("plan-required errors (402)", () => {
  it("names the plan and says how to get it", () => {
    const error = ApiError.fromBody(402, { detail: "more than 5 members requires the Pro plan" });

    expect(isPlanRequired(error)).toBe(true);
    expect(errorMessage(error)).toBe(`More than 5 members requires the Pro plan. ${UPGRADE_HINT}`);
  });

  it("keeps a detail's own full stop", () => {
    expect(errorMessage(ApiError.fromBody(402, { detail: "Needs Business." }))).toBe(`Needs Business. ${UPGRADE_HINT}`);
  });

  it("is not confused with a role refusal (403) or other errors", () => {
    const forbidden = ApiError.fromBody(403, { detail: "requires the admin role" });

    expect(isPlanRequired(forbidden)).toBe(false);
    expect(isPlanRequired(new Error("boom"))).toBe(false);
    expect(errorMessage(forbidden)).toBe("requires the admin role");
  });
});
