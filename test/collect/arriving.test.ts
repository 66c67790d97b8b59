import { describe, expect, it } from 'vitest';
import { ArrivingItems } from '../../lib/collect/arriving.js';

async function readAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = [];
  for await (const item of items) read.push(item);
  return read;
}

describe('ArrivingItems', () => {
  it('gives every reader every item, those pushed before it started and after, until the end', async () => {
    const pages = new ArrivingItems<string>();
    pages.push(['a', 'b']);
    const early = readAll(pages);
    await Promise.resolve();
    pages.push(['c']);
    const late = readAll(pages);
    pages.push([]);
    pages.push(['d']);
    pages.end();

    expect(await early).toEqual(['a', 'b', 'c', 'd']);
    expect(await late).toEqual(['a', 'b', 'c', 'd']);
    expect(await readAll(pages)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets a reader start on the first items before the last have come', async () => {
    const pages = new ArrivingItems<number>();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const item of pages) seen.push(item);
    })();
    pages.push([1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(seen).toEqual([1, 2]);
    pages.end();
    await reading;
  });
});
