/**
 * Escaping for text that comes from AWS (function names, tags, API error messages, messages built from them).
 * AWS lets account users put almost anything in those strings, so a report must show them as text, never let
 * them become links, images, HTML or table structure.
 */

/**
 * C0/C1 controls other than tab and newlines (handled by each renderer), and the bidirectional overrides
 * that can make text read differently from what it is.
 */
export const UNSAFE_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// Characters with an inline meaning in GitHub-flavoured Markdown: emphasis, code, links, strikethrough,
// math, table cells, and the escape character itself.
const MARKDOWN_INLINE = /[\\`*_[\]|~$]/g;

// GitHub turns bare `scheme://` and `www.` text into links; escaping the `:` or `.` keeps it plain text.
const BARE_AUTOLINK = /:(?=\/\/)|(?<=\bwww)\./gi;

// Constructs that only mean something at the start of a line: headings, lists, thematic breaks, setext lines.
const MARKDOWN_LINE_START = /^(\s*)(#|[-+=]|\d+(?=[.)](?:\s|$)))/;

// Every character or sequence escapeMarkdown changes, bar the line-start constructs: controls, newlines and tabs,
// entities, inline characters, and autolink starts (any `www.`, a superset of what BARE_AUTOLINK matches).
const MARKDOWN_SENSITIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069&<>\\`*_[\]|~$]|:\/\/|www\./i;

const HTML_SENSITIVE = /[&<>"']/;

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  if (!HTML_SENSITIVE.test(text)) return text;
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/**
 * Text that renders literally in GitHub-flavoured Markdown, in a paragraph, a list item or a table cell.
 * Newlines become `<br>` so a value cannot end a table row or start a new block.
 */
export function escapeMarkdown(text: string): string {
  // Most values (ids, names, most messages) have nothing to escape: they skip the passes below, which a report
  // of thousands of rows would otherwise run on every cell.
  if (!MARKDOWN_SENSITIVE.test(text) && !MARKDOWN_LINE_START.test(text)) return text;
  return text
    .replace(UNSAFE_CHARACTERS, '\uFFFD')
    .split(/\r\n|\r|\n/)
    .map((line) => {
      // Entities first, so the `&` of the entities is not escaped again; `<` and `>` as entities also stop
      // autolinks in angle brackets and block quotes.
      const inline = line
        .replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char)
        .replace(MARKDOWN_INLINE, '\\$&')
        .replace(BARE_AUTOLINK, '\\$&');
      return inline.replace(MARKDOWN_LINE_START, (_match, indent: string, marker: string) =>
        // A digit run is not escapable; escaping the `.` or `)` after it is what stops an ordered list.
        /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
      );
    })
    .join('<br>')
    .replace(/\t/g, ' ');
}

/**
 * Cleaned values by original: findings share evidence objects (a subnet's paths, a role's), each cleaned once.
 * An object with nothing to clean is its own cleaned value: most evidence has no unsafe character, and copying
 * all of it (SARIF and OCSF each write every finding's) only fed the garbage collector.
 */
const cleaned = new WeakMap<object, unknown>();

const cleanString = (text: string): string => text.replace(UNSAFE_CHARACTERS, '\uFFFD');

function cleanArray(values: readonly unknown[]): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < values.length; i += 1) {
    const item = values[i];
    const clean = withoutUnsafeCharacters(item);
    if (copy === undefined && clean !== item) copy = values.slice(0, i);
    copy?.push(clean);
  }
  return copy ?? values;
}

function cleanObject(value: object): object {
  const entries = Object.entries(value);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < entries.length; i += 1) {
    const [key, item] = entries[i] as [string, unknown];
    const cleanKey = cleanString(key);
    const clean = withoutUnsafeCharacters(item);
    if (copy === undefined && (cleanKey !== key || clean !== item))
      copy = Object.fromEntries(entries.slice(0, i));
    if (copy !== undefined) copy[cleanKey] = clean;
  }
  return copy ?? value;
}

/** A JSON value with every string's unsafe characters replaced by U+FFFD: evidence carries names from AWS. */
export function withoutUnsafeCharacters(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object') return value;
  const known = cleaned.get(value);
  if (known !== undefined) return known;
  const clean = Array.isArray(value) ? cleanArray(value) : cleanObject(value);
  cleaned.set(value, clean);
  return clean;
}
