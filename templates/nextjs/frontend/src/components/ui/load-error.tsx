import { errorMessage } from "@/lib/api/errors";

import { Alert } from "./alert";
import { Button } from "./button";

/** The error state of a section that failed to load, with a retry button. */
export function LoadError({ error, onRetry, what }: { error: unknown; onRetry: () => void; what: string }) {
  return (
    <div className="flex flex-col items-start gap-3">
      <Alert tone="error">
        Could not load {what}: {errorMessage(error)}
      </Alert>
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
