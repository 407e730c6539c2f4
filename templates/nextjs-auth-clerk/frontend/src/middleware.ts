import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

import { protectedRoutePatterns, signInPath } from "@/lib/routes";

const isProtectedRoute = createRouteMatcher(protectedRoutePatterns);

// Signed-out visitors of a protected page are redirected to the sign-in page before it
// renders; Clerk adds `redirect_url` so they come back after signing in.
export default clerkMiddleware(
  async (auth, request) => {
    if (isProtectedRoute(request)) {
      await auth.protect();
    }
  },
  { signInUrl: signInPath, signUpUrl: "/sign-up" },
);

export const config = {
  matcher: [
    // Every page and API route, but not Next.js internals or static files.
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
  ],
};
