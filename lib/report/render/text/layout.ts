/**
 * Plain-text layout for the terminal report: cleaning, truncating, wrapping and aligned tables.
 * Widths count code points; everything here works on uncoloured text, colour is added after layout.
 */

import { UNSAFE_CHARACTERS } from '../escape.js';

const ELLIPSIS = '…';

// Anything `clean` changes; most text has none of it and is returned as it is, in one scan.
const TERMINAL_SENSITIVE = new RegExp(`${UNSAFE_CHARACTERS.source}|[\\r\\n\\t]`);

/** One line of harmless text: newlines and tabs become spaces, other controls a visible `\u{..}`. */
export function clean(text: string): string {
  if (!TERMINAL_SENSITIVE.test(text)) return text;
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(
    // Printed raw, such a character from AWS could move the cursor, recolour the terminal or reorder text.
    UNSAFE_CHARACTERS,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}}`,
  );
}

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** Code points, as `for...of` counts them: UTF-16 units less one per surrogate pair (a lone surrogate is one). */
export function displayWidth(text: string): number {
  // Wrapping thousands of messages measures every candidate line: text without a surrogate (nearly all of it)
  // is measured by one native scan, the rest by a loop over code units rather than the slower string iterator.
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let count = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The widest of `texts`; a loop, not `Math.max(...)`, so thousands of findings cannot overflow the stack. */
export function widest(texts: Iterable<string>): number {
  let max = 0;
  for (const text of texts) max = Math.max(max, displayWidth(text));
  return max;
}

export function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - displayWidth(text)));
}

export function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - displayWidth(text))) + text;
}

/** Cuts the end: for names and prose, whose start says the most. */
export function truncateEnd(text: string, size: number): string {
  if (displayWidth(text) <= size) return text;
  if (size <= 1) return ELLIPSIS.slice(0, size);
  return [...text].slice(0, size - 1).join('') + ELLIPSIS;
}

/** Cuts the middle: for ids and ARNs, whose prefix says the kind and suffix the instance. */
export function truncateMiddle(text: string, size: number): string {
  if (displayWidth(text) <= size) return text;
  if (size <= 1) return ELLIPSIS.slice(0, size);
  const chars = [...text];
  const head = Math.ceil((size - 1) / 2);
  const tail = size - 1 - head;
  return chars.slice(0, head).join('') + ELLIPSIS + (tail > 0 ? chars.slice(-tail).join('') : '');
}

/** Greedy line filling; a token longer than a line (an ARN) is split hard rather than overflowing. */
export function flow(tokens: readonly string[], size: number, separator = ' '): string[] {
  const lineSize = Math.max(1, size);
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (token === '') continue;
    const candidate = line === '' ? token : line + separator + token;
    if (displayWidth(candidate) <= lineSize) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line + separator.trimEnd());
    line = '';
    if (displayWidth(token) <= lineSize) {
      line = token;
    } else if (separator !== ' ' && token.includes(' ')) {
      // An item with words ("subnet-1 (eu-west-1a)") breaks between its words before it breaks inside one.
      const wrapped = wrap(token, lineSize);
      lines.push(...wrapped.slice(0, -1));
      line = wrapped.at(-1) ?? '';
    } else {
      let rest = [...token];
      while (rest.length > lineSize) {
        lines.push(rest.slice(0, lineSize).join(''));
        rest = rest.slice(lineSize);
      }
      line = rest.join('');
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Word-wraps prose to `size` columns. */
export function wrap(text: string, size: number): string[] {
  return flow(text.split(' '), size);
}

/** Prefixes the first line with `first` and the others with spaces of the same width (a hanging indent). */
export function hang(lines: readonly string[], first: string): string[] {
  const indent = ' '.repeat(displayWidth(first));
  return lines.map((line, i) => (i === 0 ? first : indent) + line);
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Longer cells are shortened to this many columns. */
  max?: number;
  truncate?: 'end' | 'middle';
  /** Gives up width, widest first, when the table is wider than the screen. */
  shrink?: boolean;
}

const GAP = '  ';
const MIN_SHRUNK_WIDTH = 8;

/** Narrows the shrinkable columns, widest first, until the table fits or they are all at their minimum. */
function fitWidths(columns: readonly Column[], widths: number[], maxWidth: number): number[] {
  const fitted = [...widths];
  let excess = fitted.reduce((sum, w) => sum + w, 0) + GAP.length * (columns.length - 1) - maxWidth;
  while (excess > 0) {
    let widestIndex = -1;
    fitted.forEach((w, c) => {
      const shrinkable = columns[c]?.shrink === true && w > MIN_SHRUNK_WIDTH;
      if (shrinkable && (widestIndex < 0 || w > (fitted[widestIndex] ?? 0))) widestIndex = c;
    });
    if (widestIndex < 0) break;
    fitted[widestIndex] = (fitted[widestIndex] ?? 0) - 1;
    excess -= 1;
  }
  return fitted;
}

/** Aligned single-line rows under a header line; cells too wide for their column are truncated. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  maxWidth: number,
): string[] {
  const natural = columns.map((column, c) => {
    let size = displayWidth(column.header);
    for (const row of rows) size = Math.max(size, displayWidth(row[c] ?? ''));
    return Math.min(size, column.max ?? size);
  });
  const widths = fitWidths(columns, natural, maxWidth);
  const renderRow = (cells: readonly string[]): string =>
    columns
      .map((column, c) => {
        const size = widths[c] ?? 0;
        const cell = cells[c] ?? '';
        const text = column.truncate === 'middle' ? truncateMiddle(cell, size) : truncateEnd(cell, size);
        return column.align === 'right' ? padStart(text, size) : padEnd(text, size);
      })
      .join(GAP)
      .trimEnd();
  return [renderRow(columns.map((column) => column.header)), ...rows.map(renderRow)];
}
