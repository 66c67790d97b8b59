/**
 * Bounded concurrency, and a simple request-rate cap for the ENI cleanup's deletes. The collection's API
 * rates are planned per AWS throttling bucket instead (rate-plan.ts).
 */

/** Numbers the items of a list or of a stream that is still being filled (e.g. functions as pages arrive). */
async function* numbered<Item>(items: Iterable<Item> | AsyncIterable<Item>): AsyncGenerator<[number, Item]> {
  let index = 0;
  for await (const item of items) {
    yield [index, item];
    index += 1;
  }
}

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. `items` may
 * be a stream: work starts on the first items while later ones are still coming.
 */
export async function mapWithConcurrency<Item, Result>(
  items: Iterable<Item> | AsyncIterable<Item>,
  limit: number,
  fn: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}.`);
  const results: Result[] = [];
  // One generator shared by all workers: each `next()` hands out the next item exactly once, in order.
  const queue = numbered(items);
  async function worker(): Promise<void> {
    for (let next = await queue.next(); next.done !== true; next = await queue.next()) {
      const [index, item] = next.value;
      results[index] = await fn(item, index);
    }
  }
  await Promise.all(Array.from({ length: limit }, () => worker()));
  return results;
}

export type RateLimiter = {
  /** Resolves when the caller may send its next request. */
  acquire(): Promise<void>;
};

/**
 * Spaces requests evenly at `perSecond` (no bursts), shared by every caller of the same limiter.
 * The SDK's adaptive retry still handles throttling caused by other clients of the same account.
 */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  if (!(perSecond > 0)) throw new RangeError(`Rate must be positive, got ${perSecond}.`);
  const intervalMs = 1000 / perSecond;
  let nextSlot = 0;
  return {
    async acquire() {
      const current = now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + intervalMs;
      const waitMs = slot - current;
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}
