"use client";

import type { ReactNode } from "react";

import { useFlags } from "./use-flags";

/** Renders `children` only when `flag` is on for this user (and org); `fallback` otherwise. */
export function FeatureGate({ flag, children, fallback = null }: { flag: string; children: ReactNode; fallback?: ReactNode }) {
  const { isOn } = useFlags();
  return <>{isOn(flag) ? children : fallback}</>;
}
