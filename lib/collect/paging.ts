import type { ProgressListener } from './context.js';

/**
 * Reads every page of an SDK paginator into one list, reporting progress after each page.
 * The paginators are created with `stopOnSameToken: true` so an endpoint that repeats a token ends the loop.
 */
export async function collectPages<Page, Item>(
  api: string,
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  onProgress?: ProgressListener,
): Promise<Item[]> {
  const items: Item[] = [];
  let pageCount = 0;
  for await (const page of pages) {
    items.push(...(itemsOf(page) ?? []));
    pageCount += 1;
    onProgress?.({ api, pages: pageCount, items: items.length });
  }
  return items;
}

/** Counts single calls (one per resource) as pages so the CLI shows progress for them too. */
export function callCounter(api: string, onProgress?: ProgressListener): () => void {
  let calls = 0;
  return () => {
    calls += 1;
    onProgress?.({ api, pages: calls, items: calls });
  };
}
