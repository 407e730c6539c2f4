import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense, type ReactNode } from "react";

import { AuthProvider } from "@/components/auth/auth-provider";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { rootMetadata } from "@/lib/metadata";

import "./globals.css";

export const metadata: Metadata = rootMetadata;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The middleware's per-request CSP nonce (src/lib/csp.ts). Reading the request headers
  // also renders every page per request, which a nonce needs.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="flex min-h-screen flex-col font-sans">
        <AuthProvider nonce={nonce}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2"
          >
            Skip to content
          </a>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-10">
            {/* A boundary right under <main>: while the browser still waits for a part of the
                page (a script chunk, a streamed row), hydration pauses inside it. Without one,
                React retries <main> itself and finds the page's content where it expects
                <main>: hydration error #418 on about one load in twenty. */}
            <Suspense>{children}</Suspense>
          </main>
          <SiteFooter />
        </AuthProvider>
      </body>
    </html>
  );
}
