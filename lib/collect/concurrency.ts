/**
 * Bounded concurrency and a simple request-rate cap. Deliberately small: a later change replaces the
 * rate cap with one token bucket per API throttling bucket.
 */

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. */
export async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  limit: number,
  fn: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}.`);
  const results = new Array<Result>(items.length);
  // One iterator shared by all workers: each `next()` hands out the next item exactly once.
  const queue = items.entries();
  async function worker(): Promise<void> {
    for (const [index, item] of queue) {
      results[index] = await fn(item, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
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
