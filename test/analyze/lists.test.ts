import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatMapList, mapDefined } from '../../lib/analyze/lists.js';
import { sortedUnique } from '../../lib/analyze/snapshot-index.js';

/** Ids, and the characters where code-unit order differs from alphabetical order. */
const ID_PIECES = ['subnet-b', 'subnet-a', 'sg-1', 'sg-10', 'sg-2', 'Z', 'a', '', 'é', '\u{1F600}'];
const ids = fc.array(fc.constantFrom(...ID_PIECES), { maxLength: 20 });

describe('list helpers', () => {
  it('sortedUnique sorts by code unit and drops repeats, short lists and long ones alike', () => {
    fc.assert(
      fc.property(ids, (values) => {
        expect(sortedUnique(values)).toEqual([...new Set(values)].sort());
      }),
      { numRuns: 2000 },
    );
  });

  it('sortedUnique leaves its input as it was', () => {
    const values = ['b', 'a', 'b'];
    expect(sortedUnique(values)).toEqual(['a', 'b']);
    expect(values).toEqual(['b', 'a', 'b']);
  });

  it('mapDefined and flatMapList give what flatMap gives', () => {
    const lookup = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    expect(mapDefined(['a', 'x', 'b', 'a'], (key) => lookup.get(key))).toEqual([1, 2, 1]);
    expect(flatMapList([[1, 2], [], [3]], (list) => list)).toEqual([1, 2, 3]);
    expect(flatMapList(['ab', 'c'], (word) => [...word])).toEqual(['a', 'b', 'c']);
  });
});
