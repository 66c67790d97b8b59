/**
 * Items that arrive over time (the pages of a list), read by several consumers at once: each iteration
 * starts at the first item and waits for more until `end()`.
 */
export class ArrivingItems<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #ended = false;
  #waiting: (() => void)[] = [];

  push(items: readonly T[]): void {
    this.#items.push(...items);
    this.#wake();
  }

  end(): void {
    this.#ended = true;
    this.#wake();
  }

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resume of waiting) resume();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    let next = 0;
    for (;;) {
      if (next < this.#items.length) {
        const fresh = this.#items.slice(next);
        next += fresh.length;
        yield* fresh;
        // More may have come (or the end) while the consumer worked on these.
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resume) => this.#waiting.push(resume));
    }
  }
}
