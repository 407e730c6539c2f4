import type { Metadata } from "next";

import { Settings } from "@/components/settings/settings";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Settings") };

export default function SettingsPage() {
  return <Settings />;
}
