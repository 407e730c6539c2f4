import { isPlaceholder } from "@/lib/config";
import { clerkFrontendApi } from "@/lib/auth/csp";

/** Where the values come from, for the notice on the sign-in page. */
export const authSettingsSource = "the values are in the Clerk dashboard under API keys";

/**
 * The Clerk settings sign-in still needs: missing, malformed, or the .env.example
 * placeholder (a well-formed key for the made-up clerk.example.com).
 */
export function missingAuthSettings(env: Record<string, string | undefined> = process.env): string[] {
  const missing: string[] = [];
  const frontendApi = clerkFrontendApi(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
  if (!frontendApi || frontendApi === "clerk.example.com") missing.push("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY");
  if (isPlaceholder(env.CLERK_SECRET_KEY)) missing.push("CLERK_SECRET_KEY");
  return missing;
}
