// Auth0's part of tests/lib/csp.test.ts: the environment it reads, its hosts, and what
// the policy must allow for it.
import { expect } from "vitest";

export const authEnv = {
  AUTH0_DOMAIN: "acme.eu.auth0.com",
};

/** Every Auth0 host the policy may name (a regular expression). */
export const authHosts = "acme\\.eu\\.auth0\\.com";

export function expectAuthHosts(policy: Map<string, string[]>): void {
  expect(policy.get("connect-src")).toContain("https://acme.eu.auth0.com");
  expect(policy.get("form-action")).toEqual(["'self'", "https://acme.eu.auth0.com"]);
}
