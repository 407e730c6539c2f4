import type { Schemas } from "@/lib/api/client";

export type Role = Schemas["Role"];

export const ROLES: readonly Role[] = ["owner", "admin", "member"];

/** Owners and admins manage members, invitations, billing and see the audit log. */
export function canManage(role: Role | undefined | null): boolean {
  return role === "owner" || role === "admin";
}
