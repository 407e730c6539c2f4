// The hosts Clerk needs in the Content-Security-Policy that src/lib/csp.ts builds.
import type { Sources } from "@/lib/csp";

/**
 * Clerk's Frontend API host, which the publishable key encodes:
 * `pk_test_` or `pk_live_` + base64("<host>$").
 */
export function clerkFrontendApi(publishableKey: string | undefined): string | null {
  const encoded = /^pk_(?:test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey ?? "")?.[1];
  if (!encoded) return null;
  try {
    const decoded = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const host = decoded.endsWith("$") ? decoded.slice(0, -1) : "";
    return /^[a-z0-9.-]+(?::\d+)?$/i.test(host) ? host : null;
  } catch {
    return null;
  }
}

/**
 * Clerk (https://clerk.com/docs/guides/secure/best-practices/csp-headers): its Frontend API
 * for clerk-js and its requests, img.clerk.com for avatars, and Cloudflare's bot protection
 * (Turnstile) on the sign-up form.
 */
export function authSources(env: Record<string, string | undefined>): Sources {
  const host = clerkFrontendApi(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
  const frontendApi = host ? [`https://${host}`] : [];
  return {
    "script-src": [...frontendApi, "https://challenges.cloudflare.com"],
    "connect-src": frontendApi,
    "img-src": ["https://img.clerk.com"],
    "frame-src": ["https://challenges.cloudflare.com"],
  };
}

/**
 * The provider's NEXT_PUBLIC_ values the policy reads, written out by name so that Next.js
 * inlines them at build time (see currentEnv in src/lib/csp.ts).
 */
export function authPublicEnv(): Record<string, string | undefined> {
  return { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY };
}
