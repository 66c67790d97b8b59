import type { Severity } from '../../../model/finding.js';
import { SEVERITY_LABEL } from '../../assemble/digest.js';
import { escapeHtml, UNSAFE_CHARACTERS } from '../escape.js';

/** Building blocks of the HTML report; every AWS-sourced string goes through `h`. */

// Anything `h` changes; most ids and names have none of it and are returned as they are, in one scan.
const HTML_TEXT_SENSITIVE = new RegExp(`${UNSAFE_CHARACTERS.source}|[&<>"']`);

/** Text for HTML content or a quoted attribute; control characters become U+FFFD. */
export function h(text: string): string {
  if (!HTML_TEXT_SENSITIVE.test(text)) return text;
  return escapeHtml(text.replace(UNSAFE_CHARACTERS, '\uFFFD'));
}

// What element content (never an attribute) needs changed: quotes mean nothing there.
const HTML_CONTENT_SENSITIVE = new RegExp(`${UNSAFE_CHARACTERS.source}|[&<>]`);

/**
 * Text for HTML element content only (a `<pre>` of evidence JSON): like `h` but leaves quotes, which JSON is full of
 * and which mean nothing outside an attribute, so most evidence passes in one scan.
 */
export function hContent(text: string): string {
  if (!HTML_CONTENT_SENSITIVE.test(text)) return text;
  return text
    .replace(UNSAFE_CHARACTERS, '\uFFFD')
    .replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

export function severityBadge(severity: Severity): string {
  return `<span class="sev ${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
  className?: string,
) {
  const attributes = (index: number) => (numeric.includes(index) ? ' class="num"' : '');
  const head = `<tr>${headers.map((header, i) => `<th${attributes(i)}>${header}</th>`).join('')}</tr>`;
  // Each column's opening tag once, and rows built by concatenation: some tables have thousands of rows.
  const cellOpen = headers.map((_, i) => `<td${attributes(i)}>`);
  const body = rows.map((row) => {
    let html = '<tr>';
    row.forEach((content, i) => {
      html += `${cellOpen[i] ?? `<td${attributes(i)}>`}${content}</td>`;
    });
    return `${html}</tr>`;
  });
  const open = className === undefined ? '<table>' : `<table class="${className}">`;
  return `${open}<thead>${head}</thead><tbody>${body.join('\n')}</tbody></table>`;
}
