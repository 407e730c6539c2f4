// @vitest-environment node
import { execFileSync } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

describe("API contract", () => {
  it("the typed client (schema.d.ts) is generated from openapi.json and has not drifted", () => {
    const root = path.resolve(import.meta.dirname, "..", "..");
    const run = () => execFileSync(process.execPath, ["scripts/api-check.mjs"], { cwd: root, stdio: "pipe" }).toString();
    expect(run()).toContain("matches openapi.json");
  }, 30_000);
});
