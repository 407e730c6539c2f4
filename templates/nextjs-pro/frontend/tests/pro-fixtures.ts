import type { Schemas } from "@/lib/api/client";

import { userFixture } from "./fixtures";

export const orgFixture: Schemas["Organization"] = {
  id: "4d1c7f0e-0000-4000-8000-000000000001",
  name: "Analytical Engines",
  slug: "analytical-engines",
  plan: "free",
  subscription_status: "none",
  role: "owner",
  created_at: "2026-03-03T10:00:00Z",
};

export const otherOrgFixture: Schemas["Organization"] = {
  ...orgFixture,
  id: "4d1c7f0e-0000-4000-8000-000000000002",
  name: "Difference Co",
  slug: "difference-co",
  role: "member",
};

export const memberFixtures: Schemas["Member"][] = [
  { user_id: userFixture.id, email: userFixture.email, name: userFixture.name, role: "owner", joined_at: "2026-03-03T10:00:00Z" },
  {
    user_id: "9a0e1f2b-0000-4000-8000-00000000000b",
    email: "charles@example.com",
    name: "Charles Babbage",
    role: "member",
    joined_at: "2026-03-04T10:00:00Z",
  },
];

export const invitationFixture: Schemas["Invitation"] = {
  id: "7e57ab1e-0000-4000-8000-0000000000a1",
  email: "mary@example.com",
  role: "admin",
  status: "pending",
  expires_at: "2026-03-10T10:00:00Z",
  created_at: "2026-03-03T10:00:00Z",
};

export const auditEntry = (n: number): Schemas["AuditEntry"] => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  action: n % 2 === 0 ? "member.role_changed" : "invitation.created",
  actor_id: userFixture.id,
  target: `target-${n}`,
  metadata: {},
  created_at: "2026-03-03T10:00:00Z",
});

/** One page of a list endpoint's answer; the last page unless a cursor is given. */
export const page = <T>(items: T[], nextCursor: string | null = null) => ({ items, next_cursor: nextCursor });
