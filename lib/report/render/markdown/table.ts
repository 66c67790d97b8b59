/** The one table builder of the Markdown report and roll-up. */

export type Align = 'left' | 'right';

/**
 * A GFM table; cells must already be escaped (escapeMarkdown turns newlines into `<br>`, so rows stay whole).
 * A column is left-aligned unless `align` says `right`.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(headers),
    line(headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'))),
    ...rows.map(line),
  ];
}
