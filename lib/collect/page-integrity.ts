import { IncompleteResponseError } from './response.js';

/**
 * Pagination an endpoint gets wrong. The SDK's `stopOnSameToken` only ends a loop whose token repeats from one
 * page to the next, and then silently, as if the list were complete: a token that comes back later (A, B, A)
 * loops forever, and a repeated one may have skipped pages. Either way the list cannot be trusted, so it fails
 * like any other unreadable answer (a coverage gap, the part null). Items repeated across pages (an endpoint
 * whose pages overlap, a list that shifted while being read) are kept once: the first time they were seen.
 */

/** A page's "there is more" token, whatever the API calls it. */
export function nextTokenOf(page: unknown): string | undefined {
  if (typeof page !== 'object' || page === null) return undefined;
  for (const field of ['NextToken', 'NextMarker', 'Marker']) {
    const value: unknown = Reflect.get(page, field);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export class RepeatedPageTokenError extends IncompleteResponseError {}

/** The pages, stopping with RepeatedPageTokenError at the first page that hands back a token seen before. */
export async function* withoutRepeatedTokens<Page>(
  api: string,
  pages: AsyncIterable<Page>,
): AsyncGenerator<Page> {
  const seen = new Set<string>();
  let count = 0;
  for await (const page of pages) {
    count += 1;
    const token = nextTokenOf(page);
    if (token !== undefined && seen.has(token)) {
      throw new RepeatedPageTokenError(
        `${api} returned page token "${token.slice(0, 40)}" a second time (page ${count}): the list cannot be trusted.`,
      );
    }
    if (token !== undefined) seen.add(token);
    yield page;
  }
}

/**
 * A filter that keeps each item once, by the fields that identify it (every collector names them with its read,
 * so no list goes without); an item lacking one of them is always kept.
 */
export function firstSightings<Item>(idFields: readonly (keyof Item & string)[]): (item: Item) => boolean {
  const seen = new Set<string>();
  return (item) => {
    if (typeof item !== 'object' || item === null) return true;
    const parts = idFields.map((field): unknown => Reflect.get(item, field));
    if (!parts.every((part) => typeof part === 'string')) return true;
    const id = parts.join('\u0000');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
}
