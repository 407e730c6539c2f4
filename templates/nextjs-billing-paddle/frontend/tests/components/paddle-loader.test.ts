import { afterEach, describe, expect, it, vi } from "vitest";

import type { PaddleJs } from "@/lib/billing/paddle";

/** A fresh copy of the loader, and the scripts it adds (kept off the DOM: no network). */
async function freshLoader() {
  vi.resetModules();
  const added: HTMLScriptElement[] = [];
  vi.spyOn(document.head, "appendChild").mockImplementation(<T extends Node>(node: T): T => {
    added.push(node as unknown as HTMLScriptElement);
    return node;
  });
  return { ...(await import("@/lib/billing/paddle")), added };
}

describe("loadPaddle", () => {
  afterEach(() => {
    delete window.Paddle;
  });

  it("adds Paddle's v2 script once and resolves with window.Paddle", async () => {
    const { loadPaddle, PADDLE_SCRIPT_URL, added } = await freshLoader();

    const first = loadPaddle();
    const second = loadPaddle();
    expect(added.map((script) => script.src)).toEqual([PADDLE_SCRIPT_URL]);
    window.Paddle = { Initialize: vi.fn() } as unknown as PaddleJs;
    added[0]?.dispatchEvent(new Event("load"));

    await expect(first).resolves.toBe(window.Paddle);
    expect(second).toBe(first);
    expect(PADDLE_SCRIPT_URL).toBe("https://cdn.paddle.com/paddle/v2/paddle.js");
  });

  it("rejects when the script cannot be fetched, and tries again next time", async () => {
    const { loadPaddle, added } = await freshLoader();

    const failed = loadPaddle();
    added[0]?.dispatchEvent(new Event("error"));
    await expect(failed).rejects.toThrow("could not be loaded");

    void loadPaddle().catch(() => undefined);
    expect(added).toHaveLength(2);
  });
});
