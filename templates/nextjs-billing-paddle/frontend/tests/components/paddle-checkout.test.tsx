import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { PaddleCheckout } from "@/components/billing/paddle-checkout";
import { loadPaddle, type PaddleEvent, type PaddleInitializeOptions, type PaddleJs } from "@/lib/billing/paddle";
import { redirectTo } from "@/lib/navigate";

vi.mock("@/lib/navigate", () => ({ redirectTo: vi.fn() }));
vi.mock("@/lib/billing/paddle", () => ({ loadPaddle: vi.fn() }));

function fakePaddle() {
  let callback: ((event: PaddleEvent) => void) | undefined;
  const paddle: PaddleJs = {
    Environment: { set: vi.fn() },
    Initialize: vi.fn((options: PaddleInitializeOptions) => {
      callback = options.eventCallback;
    }),
    Checkout: { open: vi.fn() },
  };
  return { paddle, emit: (name: string) => callback?.({ name }) };
}

const props = { transactionId: "txn_01", clientToken: "test_token", environment: "sandbox" };

describe("PaddleCheckout (the default payment link page)", () => {
  let fake: ReturnType<typeof fakePaddle>;

  beforeEach(() => {
    vi.clearAllMocks();
    fake = fakePaddle();
    vi.mocked(loadPaddle).mockResolvedValue(fake.paddle);
  });

  it("initializes Paddle.js in the sandbox and opens the checkout for the transaction", async () => {
    render(<PaddleCheckout {...props} />);

    await vi.waitFor(() => expect(fake.paddle.Checkout.open).toHaveBeenCalledWith({ transactionId: "txn_01" }));
    expect(fake.paddle.Environment.set).toHaveBeenCalledWith("sandbox");
    expect(fake.paddle.Initialize).toHaveBeenCalledWith(expect.objectContaining({ token: "test_token" }));
    expect(screen.getByRole("status")).toHaveTextContent("Opening the secure checkout");
  });

  it("stays on the production environment when configured so", async () => {
    render(<PaddleCheckout {...props} environment="production" />);

    await vi.waitFor(() => expect(fake.paddle.Checkout.open).toHaveBeenCalled());
    expect(fake.paddle.Environment.set).not.toHaveBeenCalled();
  });

  it("goes to the billing page's success notice when the checkout completes", async () => {
    render(<PaddleCheckout {...props} />);
    await vi.waitFor(() => expect(fake.paddle.Checkout.open).toHaveBeenCalled());

    fake.emit("checkout.completed");
    fake.emit("checkout.closed");

    expect(redirectTo).toHaveBeenCalledTimes(1);
    expect(redirectTo).toHaveBeenCalledWith("/billing?checkout=success");
  });

  it("goes to the billing page's cancel notice when the customer closes the checkout", async () => {
    render(<PaddleCheckout {...props} />);
    await vi.waitFor(() => expect(fake.paddle.Checkout.open).toHaveBeenCalled());

    fake.emit("checkout.loaded");
    fake.emit("checkout.closed");

    expect(redirectTo).toHaveBeenCalledWith("/billing?checkout=cancel");
  });

  it("says so when the link names no transaction, without loading Paddle.js", () => {
    render(<PaddleCheckout {...props} transactionId={null} />);

    expect(screen.getByRole("alert")).toHaveTextContent("names no transaction");
    expect(loadPaddle).not.toHaveBeenCalled();
  });

  it("names the missing setting when no client-side token is configured", () => {
    render(<PaddleCheckout {...props} clientToken="" />);

    expect(screen.getByRole("alert")).toHaveTextContent("NEXT_PUBLIC_PADDLE_CLIENT_TOKEN");
    expect(loadPaddle).not.toHaveBeenCalled();
  });

  it("explains when Paddle.js cannot be loaded", async () => {
    vi.mocked(loadPaddle).mockRejectedValue(new Error("blocked"));

    render(<PaddleCheckout {...props} />);

    expect(await screen.findByRole("alert")).toHaveTextContent("could not be loaded");
  });
});
