let collator: Intl.Collator | undefined;

/**
 * The order `a.localeCompare(b)` gives (the default locale's collation), from one `Intl.Collator`: `localeCompare`
 * sets a collator up on every call, which a large account's sorts made visible (2,000 function names: 17 ms ->
 * 2 ms). MDN advises a collator's `compare` for sorting large arrays
 * (https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String/localeCompare#performance).
 * Made on first use, not at import: setting one up takes about 8 ms, which the handler's cold start would pay.
 */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}
