import type { ReactNode } from "react";

interface AlertProps {
  tone?: "error" | "success" | "info";
  children: ReactNode;
}

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-green-200 bg-green-50 text-green-800",
  info: "border-slate-200 bg-slate-50 text-slate-700",
};

/** Errors are announced at once (role="alert"); other messages politely (role="status"). */
export function Alert({ tone = "info", children }: AlertProps) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${TONES[tone]}`}>
      {children}
    </div>
  );
}
