import { describe, expect, it } from "vitest";

import { invitationLink, tokenFromFragment } from "@/lib/invitation-link";

describe("invitation links", () => {
  it("carry the token in the fragment, which no server receives", () => {
    const link = new URL(invitationLink("https://app.example.com", "tok_a-b_c"));
    expect(link.pathname).toBe("/invitations/accept");
    expect(link.search).toBe("");
    expect(link.hash).toBe("#token=tok_a-b_c");
  });

  it("read back the token they were built with, whatever its characters", () => {
    for (const token of ["tok_abc", "a+b/c=d", "with space&more"]) {
      const link = new URL(invitationLink("https://app.example.com", token));
      expect(tokenFromFragment(link.hash)).toBe(token);
    }
  });

  it("give null for a fragment without a token", () => {
    expect(tokenFromFragment("")).toBeNull();
    expect(tokenFromFragment("#")).toBeNull();
    expect(tokenFromFragment("#token=")).toBeNull();
    expect(tokenFromFragment("#other=1")).toBeNull();
  });
});
