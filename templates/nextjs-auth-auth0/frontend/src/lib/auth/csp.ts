// The hosts Auth0 needs in the Content-Security-Policy that src/lib/csp.ts builds.
import type { Sources } from "@/lib/csp";
import { originOf } from "@/lib/origin";

/**
 * Auth0: sign-in happens on the tenant's Universal Login page, reached through the app's
 * own /auth/login redirect; the browser only needs to be allowed to go there after a form
 * post (form-action also covers redirects) and to call it (connect-src).
 */
export function authSources(env: Record<string, string | undefined>): Sources {
  const domain = env.AUTH0_DOMAIN?.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const tenant = domain ? originOf(`https://${domain}`) : null;
  const hosts = tenant ? [tenant] : [];
  return { "connect-src": hosts, "form-action": hosts };
}

/** The provider's NEXT_PUBLIC_ values the policy reads: none (AUTH0_DOMAIN is read at run time). */
export function authPublicEnv(): Record<string, string | undefined> {
  return {};
}
