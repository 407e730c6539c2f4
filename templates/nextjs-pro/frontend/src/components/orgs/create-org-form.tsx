"use client";

import { useState, type FormEvent } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorMessage, unwrap } from "@/lib/api/client";

import { useOrgs } from "./org-provider";

export function CreateOrgForm() {
  const api = useApi();
  const { select, reload } = useOrgs();
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) {
      setFieldError("Enter a name of 1 to 100 characters.");
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      const org = await unwrap(api.POST("/api/orgs", { body: { name: trimmed } }));
      setName("");
      select(org.id);
      reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="create-org-heading" className="flex max-w-md flex-col gap-3">
      <h2 id="create-org-heading" className="text-lg font-semibold">
        New organization
      </h2>
      <Field label="Organization name" name="name" value={name} error={fieldError} onChange={(e) => setName(e.target.value)} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div>
        <Button type="submit" pending={pending}>
          Create organization
        </Button>
      </div>
    </form>
  );
}
