/**
 * Renders the HTML report of an account full of hostile text (test/security/hostile-account.ts: a function named
 * `<img src=x onerror=alert(1)>`, Markdown links, chat mentions, a script on a line of its own) and opens it in
 * headless Chromium (Debian's `chromium`), twice:
 *   1. as published: the DOM Chromium builds must hold the hostile text as text, no element or handler from it,
 *      and the page's Content-Security-Policy;
 *   2. without its Content-Security-Policy and with a probe script appended, which counts images, scripts and
 *      inline handlers and records any alert(): escaping alone must hold, the CSP is only the second line.
 *
 *   npx tsx scripts/check-html-escaping.ts
 *
 * Not part of `npm test`: it needs Chromium. Runs offline: the page loads nothing, Chromium's network features
 * are off.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RULES } from '../lib/analyze/registry.js';
import { renderHtml } from '../lib/report/render/html/html.js';
import { hostileReport } from '../test/security/hostile-account.js';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.js';

const run = promisify(execFile);

/** Appended to the CSP-less copy: what the page turned into, written where --dump-dom shows it. */
/** The rules' documentation links, the only outside links the page may have (from the rule catalogue). */
const DOCS = RULES.flatMap((rule) => rule.docs);

const PROBE = `<script id="probe">
const DOCS = ${JSON.stringify(DOCS)};
window.alerted = 0; window.alert = () => { window.alerted += 1; };
setTimeout(() => {
  const handlers = [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on')));
  const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !DOCS.includes(h) && !h.startsWith('#'));
  document.body.setAttribute('data-probe', JSON.stringify({
    images: document.images.length, scripts: document.scripts.length - 1, handlers: handlers.length,
    foreignLinks: links, alerted: window.alerted,
    nameShownAsText: document.body.textContent.includes('<img src=x onerror=alert(1)>'),
  }));
}, 200);
</script>`;

async function dumpDom(path: string, profile: string): Promise<string> {
  const { stdout } = await run(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      '--virtual-time-budget=2000',
      '--dump-dom',
      `file://${path}`,
    ],
    { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

const report = await hostileReport();
const html = renderHtml(report);
const work = await mkdtemp(join(tmpdir(), 'check-html-escaping-'));
try {
  const published = join(work, 'report.html');
  await writeFile(published, html, 'utf8');
  const started = Date.now();
  const dom = await dumpDom(published, join(work, 'profile-1'));

  const probed = join(work, 'probed.html');
  const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  await writeFile(probed, withoutCsp.replace('</body>', `${PROBE}</body>`), 'utf8');
  const probeDom = await dumpDom(probed, join(work, 'profile-2'));
  const probeJson = /data-probe="([^"]*)"/
    .exec(probeDom)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const probe = probeJson
    ? (JSON.parse(probeJson) as {
        images: number;
        scripts: number;
        handlers: number;
        foreignLinks: string[];
        alerted: number;
        nameShownAsText: boolean;
      })
    : undefined;

  const checks: [string, boolean][] = [
    [
      'the page rendered (the failed finding about the hostile function is there)',
      dom.includes('Findings ('),
    ],
    ['the hostile name is text in the DOM', dom.includes('&lt;img src=x onerror=alert(1)&gt;')],
    ['no <img> element in the DOM', !/<img\b/i.test(dom)],
    ["no <script> element but the page's own", (dom.match(/<script\b/gi) ?? []).length === 1],
    ['no inline event handler in the DOM', !/<[a-z]+[^>]*\son[a-z]+=/i.test(dom)],
    ['no link or source to the hostile URLs', !/\b(href|src)="(https?:\/\/evil|javascript:)/i.test(dom)],
    ['the Content-Security-Policy is in force', dom.includes("default-src 'none'")],
    ['the probe ran in the copy without CSP', probe !== undefined],
    ['  ...and found no image', probe?.images === 0],
    ["  ...no script but itself and the page's own", probe?.scripts === 1],
    ['  ...no inline handler', probe?.handlers === 0],
    ['  ...no link outside the AWS docs', probe?.foreignLinks.length === 0],
    ['  ...and no alert() was called', probe?.alerted === 0],
    ['  ...and shows the name as the text it is', probe?.nameShownAsText === true],
  ];
  for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  console.log(`Chromium rendered ${dom.length} characters of DOM twice in ${Date.now() - started} ms.`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
