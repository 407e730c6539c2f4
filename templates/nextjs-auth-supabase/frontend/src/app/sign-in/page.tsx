import type { Metadata } from "next";

import { AuthSetupNotice } from "@/components/auth/auth-setup-notice";
import { SignInForm } from "@/components/auth/sign-in-form";
import { authSettingsSource, missingAuthSettings } from "@/lib/auth/setup";
import { pageTitle } from "@/lib/metadata";
import { safeRedirectPath } from "@/lib/redirect";
import { site } from "@/lib/site";

export const metadata: Metadata = { title: pageTitle("Sign in") };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const missing = missingAuthSettings();
  return (
    <section className="mx-auto flex max-w-sm flex-col gap-6 py-12">
      <h1 className="text-2xl font-semibold">Sign in to {site.name}</h1>
      {missing.length > 0 ? (
        <AuthSetupNotice settings={missing} source={authSettingsSource} />
      ) : (
        <SignInForm next={safeRedirectPath(typeof next === "string" ? next : null)} />
      )}
    </section>
  );
}
