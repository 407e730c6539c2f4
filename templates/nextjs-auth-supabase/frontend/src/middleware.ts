import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";

import { createCsp, nextWithCsp } from "@/lib/csp";
import { isProtectedPath, signInPath } from "@/lib/routes";
import { supabaseKey, supabaseUrl } from "@/lib/supabase/config";

// Refreshes the Supabase session cookies on every request and sends signed-out visitors of
// a protected page to the sign-in page before it renders. Every page that renders gets the
// Content-Security-Policy of src/lib/csp.ts with a fresh nonce.
export async function middleware(request: NextRequest) {
  const csp = createCsp();
  let response = nextWithCsp(request, csp);
  const supabase = createServerClient(supabaseUrl, supabaseKey, {
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = nextWithCsp(request, csp);
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
      },
    },
  });

  // getClaims() validates the access token (signature and expiry), unlike getSession().
  const { data } = await supabase.auth.getClaims();
  const signedIn = Boolean(data?.claims?.sub);

  const { pathname, search } = request.nextUrl;
  if (!signedIn && isProtectedPath(pathname)) {
    const signIn = new URL(signInPath, request.nextUrl.origin);
    signIn.searchParams.set("next", `${pathname}${search}`);
    const redirect = NextResponse.redirect(signIn);
    // Keep any cookie the refresh just cleared or set.
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    return redirect;
  }
  return response;
}

export const config = {
  matcher: [
    // Every page, but not Next.js internals or static files.
    "/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|woff2?)$).*)",
  ],
};
