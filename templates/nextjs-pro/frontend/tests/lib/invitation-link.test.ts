import { afterEach, describe, expect, it } from "vitest";

import { invitationLink, keepTokenFromFragment, TOKEN_STORAGE_KEY, tokenFromFragment } from "@/lib/invitation-link";

describe("invitation links", () => {
  it("open the public /invite page with the token in the fragment, which no server receives", () => {
    const link = new URL(invitationLink("https://app.example.com", "tok_a-b_c"));
    expect(link.pathname).toBe("/invite");
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

describe("keepTokenFromFragment", () => {
  afterEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, "", "/");
  });

  it("moves the token into this tab's storage and out of the address bar", () => {
    window.history.replaceState(null, "", "/invite?from=mail#token=tok_keep");
    expect(keepTokenFromFragment()).toBe("tok_keep");
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe("tok_keep");
    expect(window.location.hash).toBe("");
    expect(window.location.search).toBe("?from=mail");
  });

  it("leaves an earlier token alone when the location has none", () => {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, "tok_earlier");
    window.history.replaceState(null, "", "/invitations/accept");
    expect(keepTokenFromFragment()).toBeNull();
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe("tok_earlier");
  });
});
