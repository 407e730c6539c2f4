import type { Metadata } from "next";

import { site } from "@/lib/site";

/**
 * The root layout's metadata. There is no title template: Next.js fills a template by
 * replacing every `%s` in it, including one inside the brand name ("100%sure"), so each
 * page builds its whole title with {@link pageTitle} instead.
 */
export const rootMetadata: Metadata = {
  title: site.name,
  description: site.description,
  // What a shared link shows: the brand, not the framework, with absolute URLs on the
  // production host.
  metadataBase: new URL(`https://${site.domain}`),
  openGraph: { title: site.name, description: site.description, siteName: site.name, type: "website" },
};

/** A page's title, "Page · Brand", taken as is (`absolute`: no template applies). */
export function pageTitle(page: string): { absolute: string } {
  return { absolute: `${page} · ${site.name}` };
}
