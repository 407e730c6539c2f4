import { ClerkFailed, ClerkLoading, SignUp } from "@clerk/nextjs";
import type { Metadata } from "next";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <section className="flex flex-col items-center gap-6">
      <h1 className="sr-only">Sign up</h1>
      <ClerkLoading>
        <Spinner label="Loading sign up" />
      </ClerkLoading>
      <ClerkFailed>
        <Alert tone="error">Sign up is unavailable right now: the authentication service could not be reached.</Alert>
      </ClerkFailed>
      <SignUp fallbackRedirectUrl="/dashboard" />
    </section>
  );
}
