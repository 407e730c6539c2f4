import { site } from "@/lib/site";

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200">
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-slate-600">
        <p>© {site.company}</p>
        <p>
          Support: <a href={`mailto:${site.supportEmail}`} className="underline">{site.supportEmail}</a>
        </p>
      </div>
    </footer>
  );
}
