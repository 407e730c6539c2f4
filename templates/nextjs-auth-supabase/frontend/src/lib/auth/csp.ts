// The hosts Supabase needs in the Content-Security-Policy that src/lib/csp.ts builds.
import type { Sources } from "@/lib/csp";
import { originOf } from "@/lib/origin";

/**
 * Supabase: the browser client calls the project's Auth API over HTTPS (and Realtime over
 * a WebSocket on the same host).
 */
export function authSources(env: Record<string, string | undefined>): Sources {
  const project = originOf(env.NEXT_PUBLIC_SUPABASE_URL);
  if (!project) return {};
  return { "connect-src": [project, project.replace(/^http/, "ws")] };
}

/**
 * The provider's NEXT_PUBLIC_ values the policy reads, written out by name so that Next.js
 * inlines them at build time (see currentEnv in src/lib/csp.ts).
 */
export function authPublicEnv(): Record<string, string | undefined> {
  return { NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL };
}
