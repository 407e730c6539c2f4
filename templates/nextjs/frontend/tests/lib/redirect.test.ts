import { describe, expect, it } from "vitest";

import { safeRedirectPath } from "@/lib/redirect";

describe("safeRedirectPath (open-redirect guard)", () => {
  it("keeps a same-site path with its query and hash", () => {
    expect(safeRedirectPath("/billing?plan=pro#top")).toBe("/billing?plan=pro#top");
  });

  it("rejects absolute URLs to another site", () => {
    expect(safeRedirectPath("https://evil.example/phish")).toBe("/dashboard");
  });

  it("rejects protocol-relative and backslash tricks", () => {
    expect(safeRedirectPath("//evil.example")).toBe("/dashboard");
    expect(safeRedirectPath("/\\evil.example")).toBe("/dashboard");
  });

  it("rejects javascript: URLs and control characters", () => {
    expect(safeRedirectPath("javascript:alert(1)")).toBe("/dashboard");
    expect(safeRedirectPath("/ok\n//evil")).toBe("/dashboard");
  });

  it("uses the fallback for a missing value", () => {
    expect(safeRedirectPath(null, "/settings")).toBe("/settings");
    expect(safeRedirectPath("", "/settings")).toBe("/settings");
  });
});
