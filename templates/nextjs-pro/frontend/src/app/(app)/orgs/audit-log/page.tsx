import type { Metadata } from "next";

import { AuditLog } from "@/components/audit/audit-log";
import { pageTitle } from "@/lib/metadata";

export const metadata: Metadata = { title: pageTitle("Audit log") };

export default function AuditLogPage() {
  return <AuditLog />;
}
