/** The line-based formats (text, Markdown) build each section as lines; this puts a page together. */

/** Sections one blank line apart, the page ending in a newline; an empty section leaves no gap. */
export function joinSections(sections: readonly (readonly string[])[]): string {
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}
