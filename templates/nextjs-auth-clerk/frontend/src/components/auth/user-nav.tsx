import { Show, UserButton } from "@clerk/nextjs";
import Link from "next/link";

export function UserNav() {
  return (
    <>
      <Show when="signed-in">
        <UserButton />
      </Show>
      <Show when="signed-out">
        <Link href="/sign-in" className="font-medium text-brand">
          Sign in
        </Link>
      </Show>
    </>
  );
}
