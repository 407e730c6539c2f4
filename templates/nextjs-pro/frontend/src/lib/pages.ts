"use client";

import { useCallback, useState } from "react";

import { errorMessage } from "@/lib/api/client";
import { useResource } from "@/lib/use-resource";

/**
 * The list endpoints (organizations, members, invitations, admin flags) answer one page
 * at a time: `{items, next_cursor}`. The cursor is opaque: pass it back unchanged to get
 * the next page; null means this was the last one.
 */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type FetchPage<T> = (cursor?: string) => Promise<Page<T>>;

/** The largest page the API serves (`limit` 1..100). */
export const MAX_PAGE_SIZE = 100;

/** The query for one page: `limit` always, `cursor` after the first page. */
export function pageQuery(limit: number, cursor?: string): { limit: number; cursor?: string } {
  return cursor ? { limit, cursor } : { limit };
}

/** Every item of a list, following `next_cursor` page by page (each request stays bounded). */
export async function allPages<T>(fetchPage: FetchPage<T>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * The first page of a list, loaded once per `key`, and `loadMore` to append the next one
 * (offer it while `state.data.next_cursor` is set). `setItems` updates the shown items
 * after a mutation and keeps the cursor.
 */
export function usePages<T>(key: string | null, fetchPage: FetchPage<T>) {
  const { state, reload, setData } = useResource(key, () => fetchPage());
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const page = state.status === "ready" ? state.data : null;

  const setItems = useCallback(
    (items: T[]) => setData({ items, next_cursor: page?.next_cursor ?? null }),
    [page, setData],
  );

  const loadMore = useCallback(async () => {
    if (!page?.next_cursor) return;
    setMoreError(null);
    setLoadingMore(true);
    try {
      const next = await fetchPage(page.next_cursor);
      setData({ items: [...page.items, ...next.items], next_cursor: next.next_cursor });
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }, [page, fetchPage, setData]);

  return { state, reload, setItems, loadMore, loadingMore, moreError };
}
