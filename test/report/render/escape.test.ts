import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown } from '../../../lib/report/render/escape.js';

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
