import { describe, expect, it } from 'vitest';
import {
  clean,
  flow,
  table,
  truncateEnd,
  truncateMiddle,
  wrap,
} from '../../../lib/report/render/text/layout.js';

describe('text layout', () => {
  it('wraps prose at word boundaries and splits a word longer than the line', () => {
    expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrap('arn:aws:iam::123456789012:role/x', 12)).toEqual([
      'arn:aws:iam:',
      ':12345678901',
      '2:role/x',
    ]);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('flows list items, breaking an item between its words before inside one', () => {
    expect(flow(['subnet-1 (eu-west-1a)', 'subnet-2 (eu-west-1b)'], 24, ', ')).toEqual([
      'subnet-1 (eu-west-1a),',
      'subnet-2 (eu-west-1b)',
    ]);
    expect(flow(['subnet-0aaaaaaaaaaaaaaa1 (eu-west-1a)'], 26, ', ')).toEqual([
      'subnet-0aaaaaaaaaaaaaaa1',
      '(eu-west-1a)',
    ]);
  });

  it('truncates ids in the middle and names at the end', () => {
    expect(truncateMiddle('vpc-0a1b2c3d4e5f60718', 12)).toBe('vpc-0a…60718');
    expect(truncateEnd('payments-worker', 8)).toBe('payment…');
    expect(truncateEnd('short', 8)).toBe('short');
  });

  it('aligns columns and shrinks the shrinkable ones to fit', () => {
    const lines = table(
      [
        { header: 'NAME', shrink: true },
        { header: 'MB', align: 'right' },
      ],
      [
        ['a-very-long-function-name', '128'],
        ['b', '10240'],
      ],
      20,
    );
    expect(lines).toEqual(['NAME              MB', 'a-very-long-…    128', 'b              10240']);
  });

  it('makes controls visible and keeps text on one line', () => {
    expect(clean('a\nb\tc\u001b[31m')).toBe('a b c\\u{1b}[31m');
  });
});
