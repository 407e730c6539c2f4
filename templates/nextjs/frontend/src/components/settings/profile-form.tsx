"use client";

import { useState, type FormEvent } from "react";

import { useApi } from "@/components/api-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorMessage, unwrap, type Schemas } from "@/lib/api/client";

type User = Schemas["User"];

export function validateProfile(name: string, avatarUrl: string): { name?: string; avatarUrl?: string } {
  const errors: { name?: string; avatarUrl?: string } = {};
  const trimmed = name.trim();
  if (trimmed.length === 0) errors.name = "Enter your name.";
  else if (trimmed.length > 100) errors.name = "Use at most 100 characters.";
  if (avatarUrl && !/^https:\/\/[^\s]+$/.test(avatarUrl)) errors.avatarUrl = "Use an https:// address.";
  return errors;
}

export function ProfileForm({ user, onSaved }: { user: User; onSaved?: (user: User) => void }) {
  const api = useApi();
  const [name, setName] = useState(user.name ?? "");
  const [avatarUrl, setAvatarUrl] = useState(user.avatar_url ?? "");
  const [errors, setErrors] = useState<{ name?: string; avatarUrl?: string }>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    const found = validateProfile(name, avatarUrl);
    setErrors(found);
    if (found.name || found.avatarUrl) return;
    setPending(true);
    try {
      const saved = await unwrap(
        api.PATCH("/api/users/me", { body: { name: name.trim(), avatar_url: avatarUrl || null } }),
      );
      setStatus({ tone: "success", text: "Profile saved." });
      onSaved?.(saved);
    } catch (error) {
      setStatus({ tone: "error", text: errorMessage(error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="profile-heading" className="flex max-w-md flex-col gap-4">
      <h2 id="profile-heading" className="text-lg font-semibold">
        Profile
      </h2>
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        label="Avatar URL"
        name="avatar_url"
        type="url"
        hint="Optional. An https:// link to an image."
        value={avatarUrl}
        error={errors.avatarUrl}
        onChange={(e) => setAvatarUrl(e.target.value)}
      />
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      <div>
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : "Save profile"}
        </Button>
      </div>
    </form>
  );
}
