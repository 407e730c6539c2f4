/** The Supabase project the browser and the Next.js server talk to (root .env). */
export const supabaseUrl: string = process.env.NEXT_PUBLIC_SUPABASE_URL ?? "";
export const supabaseKey: string = process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? "";
