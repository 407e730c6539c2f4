import { ImageResponse } from "next/og";

import { site } from "@/lib/site";

// The picture a shared link shows: the brand name and description on the brand colour,
// in the text colour chosen for contrast. Rendered once at build time.
export const alt = `${site.name}: ${site.description}`;
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export default function OpengraphImage() {
  return new ImageResponse(
    (
      <div
        style={{
          display: "flex",
          flexDirection: "column",
          justifyContent: "center",
          width: "100%",
          height: "100%",
          padding: 80,
          background: site.primaryColor,
          color: site.primaryForeground,
        }}
      >
        <div style={{ fontSize: 88, fontWeight: 700 }}>{site.name}</div>
        <div style={{ fontSize: 40, marginTop: 24 }}>{site.description}</div>
        <div style={{ fontSize: 28, marginTop: 48 }}>{site.domain}</div>
      </div>
    ),
    size,
  );
}
