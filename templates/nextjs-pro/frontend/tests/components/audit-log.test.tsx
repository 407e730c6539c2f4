import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { AuditLog } from "@/components/audit/audit-log";

import { API } from "../fixtures";
import { auditEntry, orgFixture, page } from "../pro-fixtures";
import { renderWithOrgs } from "../render-pro";
import { server } from "../server";

const AUDIT = `${API}/api/orgs/${orgFixture.id}/audit-log`;

describe("AuditLog", () => {
  it("shows an admin the organization's entries, newest first", async () => {
    server.use(http.get(AUDIT, () => HttpResponse.json({ items: [auditEntry(2), auditEntry(1)], next_before: null })));
    renderWithOrgs(<AuditLog />);
    expect(await screen.findByRole("heading", { name: "Audit log · Analytical Engines" })).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("member.role_changed");
    expect(screen.queryByRole("button", { name: "Load older entries" })).not.toBeInTheDocument();
  });

  it("loads older entries with the before cursor", async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(AUDIT, ({ request }) => {
        const before = new URL(request.url).searchParams.get("before");
        seen.push(before);
        return before
          ? HttpResponse.json({ items: [auditEntry(1)], next_before: null })
          : HttpResponse.json({ items: [auditEntry(3), auditEntry(2)], next_before: auditEntry(2).id });
      }),
    );
    const { user } = renderWithOrgs(<AuditLog />);
    await user.click(await screen.findByRole("button", { name: "Load older entries" }));
    expect(await screen.findByText("target-1")).toBeInTheDocument();
    expect(screen.getAllByRole("row")).toHaveLength(4);
    expect(seen).toEqual([null, auditEntry(2).id]);
  });

  it("tells a plain member it is for admins, without asking the API", async () => {
    const audit = vi.fn();
    server.use(
      http.get(`${API}/api/orgs`, () => HttpResponse.json(page([{ ...orgFixture, role: "member" }]))),
      http.get(AUDIT, audit),
    );
    renderWithOrgs(<AuditLog />);
    expect(await screen.findByText(/Only owners and admins of Analytical Engines/)).toHaveAttribute("role", "status");
    expect(audit).not.toHaveBeenCalled();
  });

  it("says so when nothing has been recorded", async () => {
    server.use(http.get(AUDIT, () => HttpResponse.json({ items: [], next_before: null })));
    renderWithOrgs(<AuditLog />);
    expect(await screen.findByText("Nothing has been recorded yet.")).toBeInTheDocument();
  });

  it("shows the API's refusal", async () => {
    server.use(http.get(AUDIT, () => HttpResponse.json({ detail: "admin role required" }, { status: 403 })));
    renderWithOrgs(<AuditLog />);
    expect(await screen.findByRole("alert")).toHaveTextContent("admin role required");
  });
});
