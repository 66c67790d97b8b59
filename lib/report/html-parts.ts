import type { Severity } from '../model/finding.js';
import { escapeHtml, UNSAFE_CHARACTERS } from './escape.js';

/** Building blocks of the HTML report; every AWS-sourced string goes through `h`. */

/** Text for HTML content or a quoted attribute; control characters become U+FFFD. */
export function h(text: string): string {
  return escapeHtml(text.replace(UNSAFE_CHARACTERS, '\uFFFD'));
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function severityBadge(severity: Severity): string {
  return `<span class="sev ${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
  className?: string,
) {
  const cell = (tag: 'th' | 'td', content: string, index: number) =>
    `<${tag}${numeric.includes(index) ? ' class="num"' : ''}>${content}</${tag}>`;
  const head = `<tr>${headers.map((header, i) => cell('th', header, i)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((content, i) => cell('td', content, i)).join('')}</tr>`);
  const open = className === undefined ? '<table>' : `<table class="${className}">`;
  return `${open}<thead>${head}</thead><tbody>${body.join('\n')}</tbody></table>`;
}
