"use client";

import { useState, type FormEvent } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorMessage, unwrap } from "@/lib/api/client";
import { useSignOut } from "@/lib/auth/client";

const CONFIRMATION = "delete my account";

/** Deleting is permanent, so the user types a phrase first; then they are signed out. */
export function DeleteAccount() {
  const api = useApi();
  const signOut = useSignOut();
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const confirmed = confirmation.trim().toLowerCase() === CONFIRMATION;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirmed) return;
    setError(null);
    setPending(true);
    try {
      await unwrap(api.DELETE("/api/users/me"));
      await signOut();
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="delete-heading"
      className="flex max-w-md flex-col gap-4 rounded-lg border border-red-200 p-4"
    >
      <h2 id="delete-heading" className="text-lg font-semibold text-red-700">
        Delete account
      </h2>
      <p className="text-sm text-slate-600">
        This deletes your account and your memberships. It cannot be undone.
      </p>
      <Field
        label={`Type "${CONFIRMATION}" to confirm`}
        name="confirmation"
        autoComplete="off"
        value={confirmation}
        onChange={(e) => setConfirmation(e.target.value)}
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div>
        <Button type="submit" variant="danger" disabled={!confirmed} pending={pending}>
          {pending ? "Deleting…" : "Delete my account"}
        </Button>
      </div>
    </form>
  );
}
