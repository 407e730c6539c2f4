"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** "Load more" under a paged list while the API has a next page; its error, if any. */
export function LoadMore({
  hasMore,
  pending,
  error,
  onLoadMore,
  what,
}: {
  hasMore: boolean;
  pending: boolean;
  error: string | null;
  onLoadMore: () => Promise<void>;
  what: string;
}) {
  return (
    <>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {hasMore ? (
        <div>
          <Button variant="secondary" onClick={() => void onLoadMore()} pending={pending} aria-label={`Load more ${what}`}>
            Load more
          </Button>
        </div>
      ) : null}
    </>
  );
}
