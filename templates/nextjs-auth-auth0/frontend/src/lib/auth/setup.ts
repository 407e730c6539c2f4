import { isPlaceholder } from "@/lib/config";

/** Where the values come from, for the notice on the sign-in page. */
export const authSettingsSource = "the values are in your Auth0 application's settings";

/** The Auth0 settings sign-in still needs: missing or the .env.example placeholders. */
export function missingAuthSettings(env: Record<string, string | undefined> = process.env): string[] {
  return ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_SECRET"].filter((name) => isPlaceholder(env[name]));
}
