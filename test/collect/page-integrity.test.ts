import { describe, expect, it } from 'vitest';
import {
  firstSightings,
  nextTokenOf,
  RepeatedPageTokenError,
  withoutRepeatedTokens,
} from '../../lib/collect/page-integrity.js';

async function* pagesOf<T>(pages: T[]): AsyncGenerator<T> {
  for (const page of pages) yield page;
}

async function read<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const page of pages) seen.push(page);
  return seen;
}

describe('page tokens', () => {
  it('reads the token whatever the API calls it', () => {
    expect(nextTokenOf({ NextToken: 'a' })).toBe('a');
    expect(nextTokenOf({ NextMarker: 'b' })).toBe('b');
    expect(nextTokenOf({ Marker: 'c', IsTruncated: true })).toBe('c');
    expect(nextTokenOf({ NextToken: '' })).toBeUndefined();
    expect(nextTokenOf({})).toBeUndefined();
  });

  it('passes every page of a list whose tokens never repeat', async () => {
    const pages = [{ NextToken: 'a' }, { NextToken: 'b' }, {}];
    expect(await read(withoutRepeatedTokens('ec2:DescribeSubnets', pagesOf(pages)))).toEqual(pages);
  });

  it.each([
    ['handed back at once', ['a', 'a']],
    ['coming back later (A, B, A)', ['a', 'b', 'a']],
  ])('stops at a token %s, as an unreadable list', async (_what, tokens) => {
    const pages = pagesOf(tokens.map((token) => ({ NextToken: token })));
    const read_ = read(withoutRepeatedTokens('ec2:DescribeSubnets', pages));
    await expect(read_).rejects.toBeInstanceOf(RepeatedPageTokenError);
    await expect(read_).rejects.toThrow(
      `ec2:DescribeSubnets returned page token "a" a second time (page ${tokens.length}): the list cannot be trusted.`,
    );
  });
});

describe('items repeated across pages', () => {
  it('keeps each item once, by the fields that identify it, and every item lacking them', () => {
    const keep = firstSightings<{ SubnetId?: string; other?: number }>(['SubnetId']);
    const items = [{ SubnetId: 'a' }, { SubnetId: 'b' }, { SubnetId: 'a' }, { other: 1 }, { other: 1 }];
    expect(items.filter(keep)).toEqual([{ SubnetId: 'a' }, { SubnetId: 'b' }, { other: 1 }, { other: 1 }]);
  });

  it('tells items apart by every field named', () => {
    const keep = firstSightings<{ FunctionName: string; Version: string }>(['FunctionName', 'Version']);
    const versions = [
      { FunctionName: 'f', Version: '1' },
      { FunctionName: 'f', Version: '2' },
      { FunctionName: 'f', Version: '1' },
    ];
    expect(versions.filter(keep)).toEqual(versions.slice(0, 2));
  });
});
