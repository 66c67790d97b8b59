import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, withoutUnsafeCharacters } from '../../../lib/report/render/escape.js';

describe('escapeMarkdown', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[click](http://evil)', '\\[click\\](http\\://evil)'],
    ['![i](x)', '!\\[i\\](x)'],
    ['a|b', 'a\\|b'],
    ['`code`', '\\`code\\`'],
    ['*em* _em_', '\\*em\\* \\_em\\_'],
    ['~~gone~~ $x$', '\\~\\~gone\\~\\~ \\$x\\$'],
    ['# heading', '\\# heading'],
    ['> quote', '&gt; quote'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['a\\b', 'a\\\\b'],
    ['&lt;', '&amp;lt;'],
    ['www.evil.com', 'www\\.evil.com'],
    ['orders-api', 'orders-api'],
    ['v1.2.3', 'v1.2.3'],
  ])('%j renders literally as %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps a value on one line, escaping line-start syntax on every line', () => {
    expect(escapeMarkdown('one\r\n# two\nthree')).toBe('one<br>\\# two<br>three');
  });

  it('replaces control and bidirectional-override characters', () => {
    expect(escapeMarkdown('a\u0000b\u001bc\u202ed')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('withoutUnsafeCharacters (SARIF and OCSF evidence)', () => {
  it('replaces control and bidirectional-override characters at any depth, in keys too', () => {
    const evidence = { subnets: [{ name: 'db\u202eexe', tags: { 'k\u0007': 'ok' } }], count: 2 };
    expect(withoutUnsafeCharacters(evidence)).toEqual({
      subnets: [{ name: 'db\uFFFDexe', tags: { 'k\uFFFD': 'ok' } }],
      count: 2,
    });
    expect(evidence.subnets[0]?.name).toBe('db\u202eexe');
  });

  it('gives back evidence with nothing to clean as it is, and a cleaned object once for every finding sharing it', () => {
    const path = { line: 'subnet-a » rtb-1 0.0.0.0/0 » igw-1: internet', hops: [{ rule: 'ok' }] };
    expect(withoutUnsafeCharacters({ paths: [path] })).toEqual({ paths: [path] });
    expect(withoutUnsafeCharacters(path)).toBe(path);
    const dirty = { name: 'a\u0000b' };
    expect(withoutUnsafeCharacters(dirty)).toBe(withoutUnsafeCharacters(dirty));
  });
});
