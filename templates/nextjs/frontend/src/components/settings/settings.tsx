"use client";

import { useApi } from "@/components/api-provider";
import { LoadError } from "@/components/ui/load-error";
import { Spinner } from "@/components/ui/spinner";
import { unwrap } from "@/lib/api/client";
import { useResource } from "@/lib/use-resource";

import { DeleteAccount } from "./delete-account";
import { ProfileForm } from "./profile-form";

export function Settings() {
  const api = useApi();
  const { state, reload, setData } = useResource("me", () => unwrap(api.GET("/api/users/me")));

  if (state.status === "loading") return <Spinner label="Loading your profile" />;
  if (state.status === "error") return <LoadError what="your profile" error={state.error} onRetry={reload} />;

  return (
    <div className="flex flex-col gap-10">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ProfileForm user={state.data} onSaved={setData} />
      <DeleteAccount />
    </div>
  );
}
