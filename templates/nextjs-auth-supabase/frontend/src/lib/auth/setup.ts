import { isPlaceholder } from "@/lib/config";

/** Where the values come from, for the notice on the sign-in page. */
export const authSettingsSource = "the values are in the Supabase dashboard under Project settings > API";

/** The Supabase settings sign-in still needs: missing or the .env.example placeholders. */
export function missingAuthSettings(env: Record<string, string | undefined> = process.env): string[] {
  return ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY"].filter((name) => isPlaceholder(env[name]));
}
