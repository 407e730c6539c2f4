// Supabase's part of tests/lib/csp.test.ts: the environment it reads, its hosts, and what
// the policy must allow for it.
import { expect } from "vitest";

export const authEnv = {
  NEXT_PUBLIC_SUPABASE_URL: "https://abcdefgh.supabase.co",
};

/** Every Supabase host the policy may name (a regular expression). */
export const authHosts = "abcdefgh\\.supabase\\.co";

export function expectAuthHosts(policy: Map<string, string[]>): void {
  expect(policy.get("connect-src")).toEqual(expect.arrayContaining(["https://abcdefgh.supabase.co", "wss://abcdefgh.supabase.co"]));
}
