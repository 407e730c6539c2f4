import { NextResponse, type NextRequest } from "next/server";

import { auth0 } from "@/lib/auth0";
import { createCsp, nextWithCsp } from "@/lib/csp";
import { isProtectedPath, signInPath } from "@/lib/routes";

// auth0.middleware mounts /auth/login, /auth/callback, /auth/logout, /auth/access-token and
// keeps the session cookie rolling. Signed-out visitors of a protected page are sent to the
// sign-in page before it renders, with the page to come back to. Every page that renders
// gets the Content-Security-Policy of src/lib/csp.ts with a fresh nonce.
export async function middleware(request: NextRequest) {
  const authResponse = await auth0.middleware(request);
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/auth/")) return authResponse;

  if (isProtectedPath(pathname)) {
    const session = await auth0.getSession(request);
    if (!session) {
      const signIn = new URL(signInPath, request.nextUrl.origin);
      signIn.searchParams.set("returnTo", `${pathname}${search}`);
      return NextResponse.redirect(signIn);
    }
  }
  return nextWithCsp(request, createCsp(), authResponse);
}

export const config = {
  matcher: [
    // Every page and the /auth routes, but not Next.js internals or static files.
    "/((?!_next/static|_next/image|favicon.ico|sitemap.xml|robots.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|woff2?)$).*)",
  ],
};
