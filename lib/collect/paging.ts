import type { ProgressListener } from './context.js';
import { firstSightings, withoutRepeatedTokens } from './page-integrity.js';

/**
 * Reads every page of an SDK paginator into one list, reporting progress after each page. A token seen before
 * fails the read (page-integrity.ts); an item repeated on a later page (the same `idFields`) is kept once.
 */
export async function collectPages<Page, Item>(
  api: string,
  idFields: readonly (keyof Item & string)[],
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  onProgress?: ProgressListener,
): Promise<Item[]> {
  const items: Item[] = [];
  const isFirstSighting = firstSightings(idFields);
  let pageCount = 0;
  for await (const page of withoutRepeatedTokens(api, pages)) {
    items.push(...(itemsOf(page) ?? []).filter(isFirstSighting));
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
