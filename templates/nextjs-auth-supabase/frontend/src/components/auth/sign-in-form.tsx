"use client";

import { useMemo, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { redirectTo } from "@/lib/navigate";
import { createSupabaseBrowserClient } from "@/lib/supabase/browser";

type Mode = "sign-in" | "sign-up";

/** E-mail and password sign-in (or sign-up) with Supabase Auth; `next` is a safe path. */
export function SignInForm({ next }: { next: string }) {
  const supabase = useMemo(() => createSupabaseBrowserClient(), []);
  const [mode, setMode] = useState<Mode>("sign-in");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    if (!email.includes("@") || password.length < 8) {
      setMessage({ tone: "error", text: "Enter your e-mail address and a password of at least 8 characters." });
      return;
    }
    setPending(true);
    if (mode === "sign-in") {
      const { error } = await supabase.auth.signInWithPassword({ email, password });
      if (error) {
        setMessage({ tone: "error", text: error.message });
        setPending(false);
        return;
      }
      redirectTo(next);
      return;
    }
    const { error } = await supabase.auth.signUp({
      email,
      password,
      options: { emailRedirectTo: `${window.location.origin}${next}` },
    });
    setPending(false);
    setMessage(
      error
        ? { tone: "error", text: error.message }
        : { tone: "success", text: "Check your e-mail to confirm your account, then sign in." },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={mode === "sign-in" ? "Sign in" : "Create account"} className="flex flex-col gap-4">
      <Field label="E-mail" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
        required
        minLength={8}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" pending={pending}>
        {mode === "sign-in" ? "Sign in" : "Create account"}
      </Button>
      <button
        type="button"
        className="text-sm underline"
        onClick={() => {
          setMode(mode === "sign-in" ? "sign-up" : "sign-in");
          setMessage(null);
        }}
      >
        {mode === "sign-in" ? "New here? Create an account" : "Already have an account? Sign in"}
      </button>
    </form>
  );
}
