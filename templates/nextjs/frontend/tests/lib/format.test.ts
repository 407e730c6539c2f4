import { describe, expect, it } from "vitest";

import { formatDate, formatMonthlyPrice, planLabel } from "@/lib/format";

describe("formatting", () => {
  it("shows a zero price as Free", () => {
    expect(formatMonthlyPrice(0)).toBe("Free");
  });

  it("shows whole and fractional monthly prices", () => {
    expect(formatMonthlyPrice(1900)).toBe("$19/mo");
    expect(formatMonthlyPrice(950)).toBe("$9.50/mo");
  });

  it("formats RFC 3339 timestamps as UTC dates and leaves bad input as is", () => {
    expect(formatDate("2026-03-03T23:30:00Z")).toBe("Mar 3, 2026");
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("labels plan ids", () => {
    expect(planLabel("business")).toBe("Business");
    expect(planLabel("custom")).toBe("custom");
  });
});
