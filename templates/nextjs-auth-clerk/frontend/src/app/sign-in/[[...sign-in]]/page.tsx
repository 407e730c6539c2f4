import { SignIn } from "@clerk/nextjs";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <section className="flex flex-col items-center gap-6">
      <h1 className="sr-only">Sign in</h1>
      <SignIn fallbackRedirectUrl="/dashboard" />
    </section>
  );
}
