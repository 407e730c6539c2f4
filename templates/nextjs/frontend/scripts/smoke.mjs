#!/usr/bin/env node
// Smoke test of the built frontend in a real browser (Chromium driven by playwright-core;
// no browser download). Run `npm run build` first and have the backend running at
// NEXT_PUBLIC_API_URL. It starts `next start` on a free port, then checks that:
//   - the landing page renders with no console errors,
//   - the pricing page renders the plans from GET /api/billing/plans with no console errors,
//   - a protected page (/dashboard) redirects a signed-out visitor to the sign-in page,
// and saves a screenshot of each page to SMOKE_SCREENSHOT_DIR (default ./smoke-screenshots).
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium), SMOKE_SCREENSHOT_DIR, NEXT_PUBLIC_API_URL.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import nextEnv from "@next/env";
import { chromium } from "playwright-core";

const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
nextEnv.loadEnvConfig(path.resolve(frontendDir, ".."), false);

const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const screenshotDir = path.resolve(frontendDir, process.env.SMOKE_SCREENSHOT_DIR || "smoke-screenshots");
const apiUrl = process.env.NEXT_PUBLIC_API_URL || "http://localhost:8000";
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the frontend did not answer at ${url} within ${timeoutMs / 1000}s`);
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : error}`);
  }
}

// Only the app and the API are reached: CI has no internet and uses fake provider keys, so
// the auth provider's hosted scripts (e.g. Clerk's) are blocked, and failing to load them is
// reported as a note, not an error. Errors from the app's own origin always count.
const allowedOrigins = new Set([new URL(apiUrl).origin]);
const THIRD_PARTY_DELAY_MS = 2_000;
const notes = new Set();

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (allowedOrigins.has(url.origin) || url.protocol === "data:") return route.continue();
    notes.add(`blocked third-party request: ${url.origin}${url.pathname}`);
    // Fail it after the page has hydrated, as an unreachable host would: an instant failure
    // can race React's hydration inside the provider's components and log a hydration error
    // that a real visitor never sees.
    await new Promise((resolve) => setTimeout(resolve, THIRD_PARTY_DELAY_MS));
    return route.abort("blockedbyclient");
  });
  return context;
}

/** Opens `pathname` in a fresh page and returns the page plus the console errors it logged. */
async function visit(context, baseUrl, pathname) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url || "";
    if (source && !allowedOrigins.has(new URL(source).origin) && /ERR_BLOCKED_BY_CLIENT/.test(message.text())) return;
    errors.push(`${message.text()} (${source || "?"})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${baseUrl}${pathname}`, { waitUntil: "networkidle", timeout: 30_000 });
  return { page, errors };
}

function assertNoConsoleErrors(errors) {
  if (errors.length > 0) throw new Error(`console errors:\n  ${errors.join("\n  ")}`);
}

const port = await freePort();
const baseUrl = `http://localhost:${port}`;
allowedOrigins.add(new URL(baseUrl).origin);
mkdirSync(screenshotDir, { recursive: true });
console.log(`smoke: frontend ${baseUrl}, API ${apiUrl}, browser ${executablePath}`);

const nextBin = path.join(frontendDir, "node_modules", ".bin", "next");
const server = spawn(nextBin, ["start", "--port", String(port)], {
  cwd: frontendDir,
  env: { ...process.env, API_URL: process.env.API_URL || apiUrl, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});

let browser;
try {
  await waitForServer(baseUrl, server);
  browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  const context = await newContext();

  await check("landing page renders without console errors", async () => {
    const { page, errors } = await visit(context, baseUrl, "/");
    await page.getByRole("heading", { level: 1 }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(screenshotDir, "landing.png"), fullPage: true });
    assertNoConsoleErrors(errors);
  });

  await check("pricing page renders the API's plans without console errors", async () => {
    const { page, errors } = await visit(context, baseUrl, "/pricing");
    await page.getByRole("heading", { name: "Pricing" }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(screenshotDir, "pricing.png"), fullPage: true });
    const plans = page.getByRole("list", { name: "Plans" });
    if ((await plans.count()) === 0) {
      const alert = await page.getByRole("alert").first().textContent().catch(() => null);
      throw new Error(`no plans shown (is the backend running at ${apiUrl}?) ${alert ?? ""}`);
    }
    assertNoConsoleErrors(errors);
  });

  await check("a protected page redirects a signed-out visitor to sign-in", async () => {
    const { page } = await visit(await newContext(), baseUrl, "/dashboard");
    const landed = new URL(page.url());
    await page.screenshot({ path: path.join(screenshotDir, "protected-redirect.png"), fullPage: true });
    if (landed.pathname !== "/sign-in" && !landed.pathname.startsWith("/sign-in/")) {
      throw new Error(`expected /sign-in, landed on ${landed.pathname}`);
    }
  });
} catch (error) {
  results.push({ name: "smoke setup", ok: false });
  console.log(`FAIL smoke setup: ${error instanceof Error ? error.message : error}`);
} finally {
  await browser?.close();
  server.kill("SIGTERM");
}

for (const note of notes) console.log(`note: ${note}`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots: ${screenshotDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
