import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../lib/aws/token-bucket.js';

describe('TokenBucket', () => {
  it('allows its capacity at once, then one call per refill interval', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 10 }, () => now);

    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 99;
    expect(bucket.tryTake()).toBe(false);
    now += 1;
    expect(bucket.tryTake()).toBe(true);
    // Idle time refills up to the capacity, never beyond it.
    now += 10_000;
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
  });

  it('serves waiting callers in order, at the refill rate', async () => {
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 200 });
    const order: number[] = [];
    const started = performance.now();

    await Promise.all([0, 1, 2, 3].map(async (n) => bucket.acquire().then(() => order.push(n))));

    expect(order).toEqual([0, 1, 2, 3]);
    // Three calls beyond the capacity at 200/s: at least 15 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(14);
    // A caller arriving while others wait is not served before them.
    expect(bucket.tryTake()).toBe(false);
  });

  it('rejects a bucket that could never serve anyone', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError);
  });
});
