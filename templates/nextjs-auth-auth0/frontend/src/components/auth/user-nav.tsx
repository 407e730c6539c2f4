import Link from "next/link";

import { auth0 } from "@/lib/auth0";

export async function UserNav() {
  const session = await auth0.getSession();
  if (!session) {
    return (
      <Link href="/sign-in" className="font-medium text-brand">
        Sign in
      </Link>
    );
  }
  return (
    <span className="flex items-center gap-3">
      <span className="text-slate-600">{session.user.name ?? session.user.email}</span>
      {/* A plain link: /auth/logout is handled by the middleware, not a page. */}
      <a href="/auth/logout" className="font-medium text-brand">
        Sign out
      </a>
    </span>
  );
}
