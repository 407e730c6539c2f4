import type { Metadata } from "next";

import { AuthSetupNotice } from "@/components/auth/auth-setup-notice";
import { buttonClass } from "@/components/ui/button";
import { authSettingsSource, missingAuthSettings } from "@/lib/auth/setup";
import { pageTitle } from "@/lib/metadata";
import { safeRedirectPath } from "@/lib/redirect";
import { site } from "@/lib/site";

export const metadata: Metadata = { title: pageTitle("Sign in") };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string | string[] }> }) {
  const { returnTo } = await searchParams;
  const target = safeRedirectPath(typeof returnTo === "string" ? returnTo : null);
  const loginUrl = `/auth/login?returnTo=${encodeURIComponent(target)}`;
  const missing = missingAuthSettings();
  if (missing.length > 0) {
    return (
      <section className="mx-auto flex max-w-md flex-col gap-6 py-12">
        <h1 className="text-2xl font-semibold">Sign in to {site.name}</h1>
        <AuthSetupNotice settings={missing} source={authSettingsSource} />
      </section>
    );
  }
  return (
    <section className="mx-auto flex max-w-sm flex-col items-center gap-6 py-12 text-center">
      <h1 className="text-2xl font-semibold">Sign in to {site.name}</h1>
      <p className="text-slate-600">You will continue on Auth0&apos;s secure sign-in page.</p>
      {/* A plain link: /auth/login is handled by the middleware, not a page. */}
      <a href={loginUrl} className={buttonClass("primary")}>
        Continue to sign in
      </a>
      <a href={`/auth/login?screen_hint=signup&returnTo=${encodeURIComponent(target)}`} className="text-sm underline">
        Create an account
      </a>
    </section>
  );
}
