/**
 * Report content from AWS rendered in every format the auditor produces, from an account full of hostile text
 * (hostile-account.ts): nothing of it may become markup, a link, an image, a mention, a heading, a table row,
 * a script, or a terminal control sequence. The DOM a browser builds from the HTML is checked in
 * html-dom.test.ts, and in headless Chromium by `npx tsx scripts/check-html-escaping.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../lib/model/report.js';
import {
  renderChatbotNotification,
  renderSlackWebhookPayload,
} from '../../lib/report/render/alert/chatbot.js';
import { renderSnsAlert } from '../../lib/report/render/alert/sns-message.js';
import { renderAsff } from '../../lib/report/render/asff.js';
import { UNSAFE_CHARACTERS } from '../../lib/report/render/escape.js';
import { FINDINGS_SCRIPT } from '../../lib/report/render/html/findings-table.js';
import { renderReport } from '../../lib/report/render/render.js';
import { HOSTILE_LINES, HOSTILE_LINKS, HOSTILE_NAME, hostileReport } from './hostile-account.js';

let report: Report;

beforeAll(async () => {
  report = await hostileReport();
});

/** Markup that must never come out of AWS text: tags, and the chat mention and link syntax of Slack. */
const RAW_MARKUP = [/<img\b/i, /<script\b/i, /<!channel>/, /<https?:\/\/evil/];
/** Control characters from AWS text (the ANSI escape, the bidi override). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point.
const CONTROLS = /[\u001b\u202e]/;
/** The renderer's own colour codes: ESC [ digits and semicolons m. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point.
const SGR = /^\u001b\[[0-9;]*m$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point.
const ANY_ESCAPE = /\u001b[^m]*m?/g;

function expectInert(rendered: string, what: string) {
  for (const pattern of RAW_MARKUP) expect(rendered, `${what} ${pattern}`).not.toMatch(pattern);
  expect(rendered, what).not.toMatch(CONTROLS);
}

describe('hostile AWS text', () => {
  it('reaches the report (not vacuous): the function name, the links, the lines', () => {
    const json = renderReport(report, 'json', { color: false });
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(
      report.findings.some((finding) => finding.resourceId === HOSTILE_NAME && finding.status === 'fail'),
    ).toBe(true);
    expect(json).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
    expect(json).toContain(JSON.stringify(HOSTILE_LINKS).slice(1, -1));
    expect(json).toContain(JSON.stringify(HOSTILE_LINES).slice(1, -1));
  });

  it('is text in the HTML report: escaped, no element, no attribute, no link to it', () => {
    const html = renderReport(report, 'html', { color: false });
    // The page's own filter script (allowed by its hash) is the one script; everything else is checked as is.
    const ownScript = `<script>${FINDINGS_SCRIPT}</script>`;
    expect(html.split(ownScript)).toHaveLength(2);
    expectInert(html.replace(ownScript, ''), 'html');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/\b(href|src)=["']?(https?:\/\/evil|javascript:)/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
  });

  it('is text in the Markdown report: no link, image, heading, table row or tag comes out of it', () => {
    const md = renderReport(report, 'md', { color: false });
    expectInert(md, 'md');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Link and image syntax are escaped, and the bare URL cannot autolink.
    expect(md).not.toMatch(/(?<!\\)\[click me(?<!\\)\]\(/);
    expect(md).not.toMatch(/!\[pixel\]\(/);
    expect(md).not.toContain('https://evil');
    expect(md).toContain('\\[click me\\](https\\://evil.example/phish)');
    // A newline in AWS text is a <br>, never a new block: no heading, no table row.
    expect(md).not.toMatch(/^\s*# Pwned/m);
    expect(md).not.toMatch(/^\| x \| y \|/m);
    expect(md).toContain('ok<br>\\# Pwned heading<br>\\| x \\| y \\|');
  });

  it('is text in the terminal report, coloured or not: no escape sequence of its own', () => {
    for (const color of [false, true]) {
      const text = renderReport(report, 'text', { color, width: 120 });
      // Coloured output has the renderer's own colour codes only.
      for (const sequence of text.match(ANY_ESCAPE) ?? []) expect(sequence).toMatch(SGR);
      expect(text).not.toContain('\u001b[31mRED');
      expect(text).not.toContain('\u202e');
      expect(text).toContain('\\u{1b}[31mRED');
      expect(text).toContain(HOSTILE_NAME);
    }
  });

  it('is inert in the alert: e-mail text, the Chatbot notification and the Slack webhook payload', () => {
    const link = {
      kind: 'stored',
      consoleUrl: 'https://console.aws.amazon.com/s3/object/b',
      uri: 's3://b/k',
    } as const;
    const alert = renderSnsAlert(report, link);
    const structure = JSON.parse(alert.message) as Record<string, string>;
    for (const [protocol, body] of Object.entries(structure)) {
      expect(body, protocol).not.toMatch(CONTROLS);
      if (protocol === 'https') expectInert(body, 'chatbot');
    }
    expect(alert.subject).toMatch(/^[\x20-\x7e]+$/);
    const chatbot = JSON.stringify(renderChatbotNotification(report, link.consoleUrl));
    expectInert(chatbot, 'chatbot');
    const slack = renderSlackWebhookPayload(report, link.consoleUrl).text;
    expectInert(slack, 'slack');
    expect(slack).not.toMatch(UNSAFE_CHARACTERS);
  });

  it('is data, never a formula or a control character, in the CSV, SARIF and OCSF outputs', () => {
    const csv = renderReport(report, 'csv', { color: false });
    expect(csv).not.toMatch(CONTROLS);
    // Every cell quoted; a newline from AWS is a space, so a row stays one line.
    for (const line of csv.trimEnd().split('\r\n'))
      expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
    expect(csv).toContain(`"${HOSTILE_NAME}"`);
    for (const format of ['sarif', 'ocsf'] as const) {
      const output = renderReport(report, format, { color: false });
      expect(output, format).not.toMatch(/\\u001b|\\u202e/);
      expect(output, format).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
    }
  });

  it('is free of control characters in the Security Hub findings', () => {
    const findings = JSON.stringify(renderAsff(report));
    expect(findings).not.toMatch(CONTROLS);
    expect(findings).not.toMatch(/\\u001b|\\u202e/);
    expect(findings).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
  });
});
