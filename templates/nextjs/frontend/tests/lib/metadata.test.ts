import type { Metadata } from "next";
import { describe, expect, it, vi } from "vitest";

import { site } from "@/lib/site";

// A brand name with `%s` in it: Next.js fills a title template by replacing every `%s`.
vi.mock("@/lib/site", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/site")>();
  return { ...original, site: { ...original.site, name: "100%s Sure" } };
});
vi.mock("geist/font/sans", () => ({ GeistSans: { variable: "font-sans" } }));
vi.mock("geist/font/mono", () => ({ GeistMono: { variable: "font-mono" } }));

/** The <title> Next.js renders for a page under the root layout (its resolve-title rule). */
function renderedTitle(layout: Metadata["title"], page: Metadata["title"]): string | undefined {
  const template = layout && typeof layout === "object" && "template" in layout ? layout.template : null;
  const fill = (title: string) => (template ? template.replace(/%s/g, title) : title);
  if (typeof page === "string") return fill(page);
  if (page && "absolute" in page && page.absolute) return page.absolute;
  if (page && "default" in page) return fill(page.default);
  return undefined;
}

describe("page titles", () => {
  it("keep a `%s` in the brand name as typed", async () => {
    const { metadata: root } = await import("@/app/layout");
    const pages: [string, Promise<{ metadata: Metadata }>][] = [
      ["Pricing", import("@/app/pricing/page")],
      ["Dashboard", import("@/app/(app)/dashboard/page")],
      ["Billing", import("@/app/(app)/billing/page")],
      ["Settings", import("@/app/(app)/settings/page")],
    ];
    for (const [name, page] of pages) {
      expect(renderedTitle(root.title, (await page).metadata.title)).toBe(`${name} · 100%s Sure`);
    }
  });

  it("name the product on its own on the landing page", async () => {
    const { metadata: root } = await import("@/app/layout");
    expect(root.title).toBe("100%s Sure");
  });

  it("names the brand in the link preview", async () => {
    const { metadata: root } = await import("@/app/layout");
    expect(root.openGraph).toMatchObject({ title: "100%s Sure", siteName: "100%s Sure" });
    expect(root.metadataBase?.host).toBe(site.domain);
  });
});
