import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { useResource } from "@/lib/use-resource";

describe("useResource", () => {
  it("starts loading, then holds the data", async () => {
    const { result } = renderHook(() => useResource("k", async () => 42));
    expect(result.current.state.status).toBe("loading");
    await waitFor(() => expect(result.current.state).toEqual({ status: "ready", data: 42 }));
  });

  it("keeps the error and loads again on reload", async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error("boom")).mockResolvedValue("ok");
    const { result } = renderHook(() => useResource("k", load));
    await waitFor(() => expect(result.current.state.status).toBe("error"));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.state).toEqual({ status: "ready", data: "ok" }));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("waits while the key is null", async () => {
    const load = vi.fn(async () => 1);
    const { result } = renderHook(() => useResource(null, load));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(load).not.toHaveBeenCalled();
    expect(result.current.state.status).toBe("loading");
  });
});
