// Clerk's part of tests/lib/csp.test.ts: the environment it reads, its hosts, and what
// the policy must allow for it.
import { expect } from "vitest";

export const authEnv = {
  // pk_test_ + base64("example.clerk.accounts.dev$")
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${btoa("example.clerk.accounts.dev$")}`,
};

/** Every Clerk host the policy may name (a regular expression). */
export const authHosts = "example\\.clerk\\.accounts\\.dev|img\\.clerk\\.com|challenges\\.cloudflare\\.com";

export function expectAuthHosts(policy: Map<string, string[]>): void {
  expect(policy.get("script-src")).toEqual(expect.arrayContaining(["https://example.clerk.accounts.dev", "https://challenges.cloudflare.com"]));
  expect(policy.get("connect-src")).toContain("https://example.clerk.accounts.dev");
  expect(policy.get("img-src")).toContain("https://img.clerk.com");
  expect(policy.get("frame-src")).toContain("https://challenges.cloudflare.com");
  expect(policy.get("worker-src")).toEqual(["'self'", "blob:"]);
}
