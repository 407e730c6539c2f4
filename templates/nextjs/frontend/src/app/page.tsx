import Link from "next/link";

import { buttonClass } from "@/components/ui/button";
import { site } from "@/lib/site";

export default function LandingPage() {
  return (
    <section className="flex flex-col items-start gap-6 py-12">
      <h1 className="text-4xl font-bold tracking-tight">{site.name}</h1>
      <p className="max-w-2xl text-lg text-slate-600">{site.description}</p>
      <div className="flex gap-3">
        <Link href="/dashboard" className={buttonClass("primary")}>
          Get started
        </Link>
        <Link href="/pricing" className={buttonClass("secondary")}>
          See pricing
        </Link>
      </div>
    </section>
  );
}
