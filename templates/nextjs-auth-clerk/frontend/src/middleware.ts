import { clerkMiddleware } from "@clerk/nextjs/server";

import { createCsp, nextWithCsp } from "@/lib/csp";
import { isProtectedPath, signInPath } from "@/lib/routes";

// Signed-out visitors of a protected page are redirected to the sign-in page before it
// renders; Clerk adds `redirect_url` so they come back after signing in. (The list of
// protected pages lives in src/lib/routes.ts and is shared with the other auth providers;
// Clerk 7 deprecates createRouteMatcher.) Every page that renders gets the
// Content-Security-Policy of src/lib/csp.ts with a fresh nonce.
export default clerkMiddleware(
  async (auth, request) => {
    if (isProtectedPath(request.nextUrl.pathname)) {
      await auth.protect();
    }
    return nextWithCsp(request, createCsp());
  },
  {
    signInUrl: signInPath,
    signUpUrl: "/sign-up",
    // Optional: Clerk's JWT public key (dashboard > API keys > JWT public key, PEM) lets the
    // middleware verify sessions without fetching Clerk's JWKS.
    jwtKey: process.env.CLERK_JWT_KEY || undefined,
  },
);

export const config = {
  matcher: [
    // Every page and API route, but not Next.js internals or static files.
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
  ],
};
