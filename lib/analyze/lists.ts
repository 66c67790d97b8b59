/**
 * List helpers for the paths that run once per function, subnet or finding. V8 does not optimise
 * `Array.prototype.flatMap`: on a 10,000-function account it costs several times what these loops do. The
 * loops index the arrays: until the code is optimised, `for...of` allocates an iterator result per element.
 */

/** `items.map(map)` without the undefined results: `flatMap((item) => map(item) ?? [])` for single values. */
export function mapDefined<T, U>(items: readonly T[], map: (item: T) => U | undefined): U[] {
  const result: U[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const value = map(items[i] as T);
    if (value !== undefined) result.push(value);
  }
  return result;
}

/** Every item of every list, in order: `flatMap` over lists. */
export function flatMapList<T, U>(items: readonly T[], map: (item: T) => readonly U[]): U[] {
  const result: U[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const values = map(items[i] as T);
    for (let j = 0; j < values.length; j += 1) result.push(values[j] as U);
  }
  return result;
}
