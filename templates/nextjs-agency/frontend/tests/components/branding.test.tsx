import { readFileSync } from "node:fs";
import path from "node:path";

import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { BrandLogo } from "@/components/brand/brand-logo";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { site } from "@/lib/site";

vi.mock("@/components/auth/user-nav", () => ({ UserNav: () => null }));
vi.mock("@/components/auth/signed-in", () => ({ SignedIn: () => null }));

const root = path.resolve(import.meta.dirname, "..", "..");

describe("white-label branding", () => {
  it("sets the brand colour as the CSS variable every button uses", () => {
    const css = readFileSync(path.join(root, "src/app/globals.css"), "utf8");
    expect(site.primaryColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(css).toContain(`--brand-primary: ${site.primaryColor};`);
    expect(css).toContain("--color-brand: var(--brand-primary);");
  });

  it("shows the logo in the header, described by the brand name", () => {
    render(<SiteHeader />);
    expect(screen.getByRole("img", { name: `${site.name} logo` })).toHaveAttribute("src", "/logo.svg");
  });

  it("ships a logo file in the brand colour", () => {
    const svg = readFileSync(path.join(root, "public/logo.svg"), "utf8");
    expect(svg).toContain(`fill="${site.primaryColor}"`);
  });

  it("gives the logo slot a configurable size", () => {
    render(<BrandLogo size={48} />);
    const logo = screen.getByRole("img");
    expect(logo).toHaveAttribute("width", "48");
    expect(logo).toHaveAttribute("height", "48");
  });

  it("puts the support address in the footer", () => {
    render(<SiteFooter />);
    expect(screen.getByRole("link", { name: site.supportEmail })).toHaveAttribute("href", `mailto:${site.supportEmail}`);
  });
});
