import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import ErrorPage from "@/app/error";
import Loading from "@/app/loading";
import NotFound from "@/app/not-found";
import { CheckoutNotice } from "@/components/billing/checkout-notice";

describe("error, loading and not-found states", () => {
  it("error boundary explains, logs and retries", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const reset = vi.fn();
    const error = Object.assign(new Error("boom"), { digest: "abc123" });
    render(<ErrorPage error={error} reset={reset} />);
    expect(screen.getByRole("heading", { name: "Something went wrong" })).toBeInTheDocument();
    expect(screen.getByText(/reference: abc123/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(reset).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith(error);
  });

  it("loading state is announced to screen readers", () => {
    render(<Loading />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading page");
  });

  it("not-found page links back home", () => {
    render(<NotFound />);
    expect(screen.getByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the home page" })).toHaveAttribute("href", "/");
  });

  it("tells the user how a checkout ended", () => {
    const { rerender } = render(<CheckoutNotice result="success" />);
    expect(screen.getByRole("status")).toHaveTextContent(/subscription is being activated/);
    rerender(<CheckoutNotice result="cancel" />);
    expect(screen.getByRole("status")).toHaveTextContent(/not been charged/);
    rerender(<CheckoutNotice result={null} />);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });
});
