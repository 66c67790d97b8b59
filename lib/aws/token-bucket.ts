/** A token bucket as AWS describes its API throttling: `capacity` tokens at most, `refillPerSecond` added back. */
export type BucketSpec = { capacity: number; refillPerSecond: number };

/** Milliseconds on a monotonic clock. */
export type Clock = () => number;

const monotonic: Clock = () => performance.now();

/**
 * One throttling bucket. `acquire` waits (first come, first served) until a token is free; `tryTake` takes one
 * only if it is free now, which is how the service side of the benchmark decides to throttle a call.
 */
export class TokenBucket {
  readonly spec: BucketSpec;
  readonly #clock: Clock;
  #tokens: number;
  #refilledAt: number;
  readonly #waiters: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(spec: BucketSpec, clock: Clock = monotonic) {
    if (!(spec.capacity >= 1) || !(spec.refillPerSecond > 0))
      throw new RangeError(
        `A token bucket needs a capacity >= 1 and a positive refill rate, got ${spec.capacity} and ${spec.refillPerSecond}.`,
      );
    this.spec = spec;
    this.#clock = clock;
    this.#tokens = spec.capacity;
    this.#refilledAt = clock();
  }

  #refill(): void {
    const now = this.#clock();
    const elapsedSeconds = Math.max(0, now - this.#refilledAt) / 1000;
    this.#tokens = Math.min(this.spec.capacity, this.#tokens + elapsedSeconds * this.spec.refillPerSecond);
    this.#refilledAt = now;
  }

  /** Takes a token if one is free now (and nobody is queued before the caller). */
  tryTake(): boolean {
    if (this.#waiters.length > 0) return false;
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Resolves once the caller holds a token; callers are served in the order they asked. */
  acquire(): Promise<void> {
    if (this.tryTake()) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#schedule();
    });
  }

  /** One timer for the whole queue, set to when the next token is due. */
  #schedule(): void {
    if (this.#timer !== undefined || this.#waiters.length === 0) return;
    this.#refill();
    const waitMs = Math.max(0, ((1 - this.#tokens) / this.spec.refillPerSecond) * 1000);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#refill();
      while (this.#waiters.length > 0 && this.#tokens >= 1) {
        this.#tokens -= 1;
        this.#waiters.shift()?.();
      }
      this.#schedule();
    }, Math.ceil(waitMs));
  }
}
