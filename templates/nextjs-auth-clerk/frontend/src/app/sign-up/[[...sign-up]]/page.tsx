import { SignUp } from "@clerk/nextjs";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <section className="flex flex-col items-center gap-6">
      <h1 className="sr-only">Sign up</h1>
      <SignUp fallbackRedirectUrl="/dashboard" />
    </section>
  );
}
