/**
 * Paddle.js (Paddle Billing, v2), loaded from Paddle's CDN on the one page that needs it.
 *
 * Kept in this one module so that the script's origin is easy to find (the
 * Content-Security-Policy must allow it) and so that tests replace the loader, not Paddle.
 * API: https://developer.paddle.com/paddle-js
 */

export const PADDLE_SCRIPT_URL = "https://cdn.paddle.com/paddle/v2/paddle.js";

/** The events this app acts on; Paddle.js emits many more (`checkout.loaded`, ...). */
export interface PaddleEvent {
  name?: string;
}

export interface PaddleInitializeOptions {
  token: string;
  eventCallback?: (event: PaddleEvent) => void;
}

/** The part of `window.Paddle` this app uses. */
export interface PaddleJs {
  Environment: { set(environment: "sandbox"): void };
  Initialize(options: PaddleInitializeOptions): void;
  Checkout: { open(options: { transactionId: string }): void };
}

declare global {
  interface Window {
    Paddle?: PaddleJs;
  }
}

let loading: Promise<PaddleJs> | null = null;

/** Adds the Paddle.js script once and resolves with `window.Paddle` when it has loaded. */
export function loadPaddle(): Promise<PaddleJs> {
  loading ??= new Promise<PaddleJs>((resolve, reject) => {
    if (window.Paddle) {
      resolve(window.Paddle);
      return;
    }
    const script = document.createElement("script");
    script.src = PADDLE_SCRIPT_URL;
    script.async = true;
    script.onload = () => (window.Paddle ? resolve(window.Paddle) : reject(new Error("Paddle.js did not load")));
    script.onerror = () => {
      loading = null;
      reject(new Error("Paddle.js could not be loaded"));
    };
    document.head.appendChild(script);
  });
  return loading;
}
