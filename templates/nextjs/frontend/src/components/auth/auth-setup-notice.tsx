import { Alert } from "@/components/ui/alert";

/**
 * Shown instead of the sign-in form while the auth provider's settings are missing or
 * still the .env.example placeholders: names each setting and where it goes.
 */
export function AuthSetupNotice({ settings, source }: { settings: string[]; source: string }) {
  return (
    <Alert tone="error">
      Sign in is not set up yet. Set{" "}
      {settings.map((name, i) => (
        <span key={name}>
          {i > 0 ? (i === settings.length - 1 ? " and " : ", ") : null}
          <code>{name}</code>
        </span>
      ))}{" "}
      in the project&apos;s root <code>.env</code> (see <code>.env.example</code>; {source}), then restart the frontend.
    </Alert>
  );
}
