import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, UNSAFE_CHARACTERS } from '../../../lib/report/render/escape.js';
import { h, hContent } from '../../../lib/report/render/html/parts.js';
import { clean, displayWidth } from '../../../lib/report/render/text/layout.js';

/**
 * The escapers return most text untouched after one scan. These check that shortcut against the full
 * transformations (as they were written before it), on text rich in the characters that matter.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function fullEscapeMarkdown(text: string): string {
  return text
    .replace(UNSAFE_CHARACTERS, '\uFFFD')
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const inline = line
        .replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char)
        .replace(/[\\`*_[\]|~$]/g, '\\$&')
        .replace(/:(?=\/\/)|(?<=\bwww)\./gi, '\\$&');
      return inline.replace(
        /^(\s*)(#|[-+=]|\d+(?=[.)](?:\s|$)))/,
        (_match, indent: string, marker: string) =>
          /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
      );
    })
    .join('<br>')
    .replace(/\t/g, ' ');
}

function fullEscapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

function fullClean(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(UNSAFE_CHARACTERS, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}}`);
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Plain characters, every character some escaper cares about, and surrogates (paired and lone). */
const PLAIN = ['a', 'W', 'w', 'ww', 'www', '.', ':', '/', '//', ' ', '1', '12', '-', '+', '=', '#', ')'];
const MARKUP = ['&', '<', '>', '"', "'", '\\', '`', '*', '_', '[', ']', '|', '~', '$'];
const CONTROLS = ['\t', '\n', '\r', '\r\n', '\u0000', '\u001b', '\u007f', '\u0085', '\u202e', '\u2067'];
const WIDE = ['é', '→', '\u{1F600}', '\ud83d', '\ude00'];
const PIECES = [...PLAIN, ...MARKUP, ...CONTROLS, ...WIDE];
const joined = (pieces: readonly string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''));
// Text of plain pieces only too: the shortcut is taken there, so that is where a gap in it would show.
const text = fc.oneof(joined(PLAIN), joined(PIECES));

describe('escaping shortcuts', () => {
  it('escapeMarkdown gives what the full escaping gives', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(escapeMarkdown(value)).toBe(fullEscapeMarkdown(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('escapeHtml and h give what the full escaping gives', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(escapeHtml(value)).toBe(fullEscapeHtml(value));
        expect(h(value)).toBe(fullEscapeHtml(value.replace(UNSAFE_CHARACTERS, '\uFFFD')));
      }),
      { numRuns: 5000 },
    );
  });

  it('hContent escapes what element content needs (no markup, no controls) and leaves the quotes of JSON', () => {
    fc.assert(
      fc.property(text, (value) => {
        const escaped = hContent(value);
        expect(escaped).toBe(
          value.replace(UNSAFE_CHARACTERS, '\uFFFD').replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char),
        );
        expect(escaped).not.toMatch(/[<>]/);
      }),
      { numRuns: 5000 },
    );
    expect(hContent('{"name": "</pre><script>alert(1)</script>"}')).toBe(
      '{"name": "&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"}',
    );
  });

  it('clean and displayWidth give what the full cleaning and a code point count give', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(clean(value)).toBe(fullClean(value));
        expect(displayWidth(value)).toBe(codePoints(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('returns text with nothing to escape as it is', () => {
    expect(escapeMarkdown('subnet-0a1b2c3d (eu-west-1a): 12 ENIs')).toBe(
      'subnet-0a1b2c3d (eu-west-1a): 12 ENIs',
    );
    expect(h('orders-api')).toBe('orders-api');
    expect(clean('orders-api')).toBe('orders-api');
  });
});
