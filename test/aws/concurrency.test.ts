import { describe, expect, it } from 'vitest';
import { createRateLimiter, mapWithConcurrency } from '../../lib/aws/concurrency.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it('keeps the input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (delay, index) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick(delay);
      inFlight -= 1;
      return `${index}:${delay}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0']);
    expect(maxInFlight).toBe(2);
  });

  it('handles an empty list and rejects a bad limit', async () => {
    await expect(mapWithConcurrency([], 3, async () => 1)).resolves.toEqual([]);
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});

describe('createRateLimiter', () => {
  it('spaces requests evenly at the given rate', async () => {
    const limiter = createRateLimiter(100);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await limiter.acquire();
        times.push(Date.now() - started);
      }),
    );
    // Six requests at 100/s: the first at once, the last about 50 ms later.
    expect(times[0]).toBeLessThan(10);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(45);
  });

  it('waits based on the injected clock', async () => {
    let now = 1_000;
    const limiter = createRateLimiter(1000, () => now);
    await limiter.acquire();
    now += 5; // 5 ms later the next slot (1 ms after the first) is already past: no wait.
    const before = Date.now();
    await limiter.acquire();
    expect(Date.now() - before).toBeLessThan(5);
  });
});
