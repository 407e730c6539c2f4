/** The feature behind the `beta_insights` flag: turn it on per user, per org or by rollout. */
export function InsightsCard() {
  return (
    <section aria-labelledby="insights-heading" className="rounded-lg border border-brand p-4">
      <h2 id="insights-heading" className="text-lg font-semibold">
        Insights <span className="rounded bg-brand px-2 py-0.5 text-xs text-brand-foreground">beta</span>
      </h2>
      <p className="text-sm text-slate-600">
        Usage trends for your organization will appear here. This card is behind the{" "}
        <code>beta_insights</code> feature flag.
      </p>
    </section>
  );
}
