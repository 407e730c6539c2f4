import Image from "next/image";

import { site } from "@/lib/site";

/**
 * The logo slot of the white-label build. Replace public/logo.svg with the client's logo
 * (keep the file name, or change `src` here); the alt text is the brand name.
 */
export function BrandLogo({ size = 28 }: { size?: number }) {
  return <Image src="/logo.svg" alt={`${site.name} logo`} width={size} height={size} priority unoptimized />;
}
