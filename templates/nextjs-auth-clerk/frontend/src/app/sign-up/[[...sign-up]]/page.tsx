import { ClerkFailed, ClerkLoading, SignUp } from "@clerk/nextjs";
import type { Metadata } from "next";

import { AuthSetupNotice } from "@/components/auth/auth-setup-notice";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { authSettingsSource, missingAuthSettings } from "@/lib/auth/setup";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Sign up") };

export default function SignUpPage() {
  const missing = missingAuthSettings();
  return (
    <section className="flex flex-col items-center gap-6">
      <h1 className="sr-only">Sign up</h1>
      {missing.length > 0 ? (
        <AuthSetupNotice settings={missing} source={authSettingsSource} />
      ) : (
        <>
          <ClerkLoading>
            <Spinner label="Loading sign up" />
          </ClerkLoading>
          <ClerkFailed>
            <Alert tone="error">
              Sign up is unavailable right now: Clerk could not be reached. If this persists, check{" "}
              <code>NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY</code> in the project&apos;s root <code>.env</code>.
            </Alert>
          </ClerkFailed>
          <SignUp fallbackRedirectUrl="/dashboard" />
        </>
      )}
    </section>
  );
}
