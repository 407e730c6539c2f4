"use client";

import { useEffect } from "react";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <section role="alert" className="flex flex-col items-start gap-4 py-12">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">
        The page could not be shown. Try again, and contact support if it keeps happening.
        {error.digest ? ` (reference: ${error.digest})` : null}
      </p>
      <Button onClick={() => reset()}>Try again</Button>
    </section>
  );
}
