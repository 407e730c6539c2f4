import { ClerkFailed, ClerkLoading, SignIn } from "@clerk/nextjs";
import type { Metadata } from "next";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <section className="flex flex-col items-center gap-6">
      <h1 className="sr-only">Sign in</h1>
      <ClerkLoading>
        <Spinner label="Loading sign in" />
      </ClerkLoading>
      <ClerkFailed>
        <Alert tone="error">Sign in is unavailable right now: the authentication service could not be reached.</Alert>
      </ClerkFailed>
      <SignIn fallbackRedirectUrl="/dashboard" />
    </section>
  );
}
