import { createBrowserClient } from "@supabase/ssr";

import { supabaseKey, supabaseUrl } from "./config";

/** The Supabase client for client components (the session lives in cookies). */
export function createSupabaseBrowserClient() {
  return createBrowserClient(supabaseUrl, supabaseKey);
}
