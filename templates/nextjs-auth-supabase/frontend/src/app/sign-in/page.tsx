import type { Metadata } from "next";

import { SignInForm } from "@/components/auth/sign-in-form";
import { safeRedirectPath } from "@/lib/redirect";
import { site } from "@/lib/site";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <section className="mx-auto flex max-w-sm flex-col gap-6 py-12">
      <h1 className="text-2xl font-semibold">Sign in to {site.name}</h1>
      <SignInForm next={safeRedirectPath(typeof next === "string" ? next : null)} />
    </section>
  );
}
