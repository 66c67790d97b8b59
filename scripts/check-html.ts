/**
 * Opens the demo account's HTML report in headless Chromium (Debian's `chromium`) at 1400 and 420 px and
 * checks the page a browser lays out: the verdict first, the severity cards, the charts, the findings table
 * with its filters (the inline script ran under the page's CSP), no severity badge, table header or id broken
 * over two lines, nothing wider than the window but the tables that scroll on purpose. Saves a screenshot of
 * each width to look at. Headless Chromium lays a --dump-dom page out at no less than 500 px: the 420 px
 * checks run there, in the same narrow layout (the page switches at 700 px); the 420 px screenshot is 420 px.
 *
 *   npx tsx scripts/check-html.ts [--out DIR]      (screenshots: DIR/report-1400.png, DIR/report-420.png)
 *
 * Not part of `npm test`: it needs Chromium installed (`apt-get install chromium`). Runs offline: the page
 * loads nothing, and Chromium's own network features are switched off.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runAudit } from '../lib/audit.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../lib/model/settings.js';
import { renderHtml } from '../lib/report/render/html/html.js';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.js';

const run = promisify(execFile);
const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg === -1 ? '.' : (process.argv[outArg + 1] ?? '.'));

/**
 * Appended to a copy of the page without its CSP (the page's own script still runs first): measures the layout
 * and writes what it found where --dump-dom shows it.
 */
const PROBE = `<script id="probe">
setTimeout(() => {
  const lines = (el) => { const r = el.getClientRects(); return r.length === 0 ? 0 : new Set(Array.from(r, (x) => Math.round(x.top))).size; };
  const wrapped = (selector) => Array.from(document.querySelectorAll(selector)).filter((el) => el.offsetParent !== null && lines(el) > 1).map((el) => el.textContent.trim().slice(0, 40));
  const wide = Array.from(document.querySelectorAll('body *')).filter((el) => {
    if (el.closest('table:not(.findings), pre, details:not([open]) > :not(summary)')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
  }).map((el) => el.tagName + '.' + el.className);
  const first = document.body.children;
  document.body.setAttribute('data-probe', JSON.stringify({
    width: document.documentElement.clientWidth,
    narrowLayout: matchMedia('(max-width: 700px)').matches,
    height: document.documentElement.scrollHeight,
    verdictBeforeFindings: document.getElementById('verdict').compareDocumentPosition(document.getElementById('findings')) === Node.DOCUMENT_POSITION_FOLLOWING,
    cards: document.querySelectorAll('.cards .card.high, .cards .card.medium').length,
    charts: document.querySelectorAll('svg.chart').length,
    filtersShown: !document.getElementById('filters').hidden,
    rows: document.querySelectorAll('#findings-table tbody tr').length,
    wrappedBadges: wrapped('.sev, .tag'),
    wrappedHeaders: wrapped('th, nav.toc li'),
    wrappedIds: wrapped('td code.id, td a.id'),
    overflowing: wide.slice(0, 10),
  }));
}, 300);
</script>`;

interface Probe {
  width: number;
  narrowLayout: boolean;
  height: number;
  verdictBeforeFindings: boolean;
  cards: number;
  charts: number;
  filtersShown: boolean;
  rows: number;
  wrappedBadges: string[];
  wrappedHeaders: string[];
  wrappedIds: string[];
  overflowing: string[];
}

const { report } = await runAudit({
  source: { kind: 'file', path: 'examples/demo-account.json' },
  settings: DEFAULT_ANALYSIS_SETTINGS,
  runId: '20261124T030000Z-demo0000',
  now: new Date('2026-11-24T03:00:00.000Z'),
});
const html = renderHtml(report);
const work = await mkdtemp(join(tmpdir(), 'check-html-'));
let failed = false;
try {
  const page = join(work, 'report.html');
  const probed = join(work, 'probed.html');
  await writeFile(page, html, 'utf8');
  const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  await writeFile(probed, withoutCsp.replace('</body>', `${PROBE}</body>`), 'utf8');

  // As published: the CSP lets the page's own script run (the filters appear), and nothing else.
  const { stdout: published } = await run(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${join(work, 'profile-0')}`,
      '--virtual-time-budget=2000',
      '--dump-dom',
      `file://${page}`,
    ],
    { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const scriptRan = /<div class="filters" id="filters">/.test(published);
  console.log(`${scriptRan ? 'ok  ' : 'FAIL'} the findings filters appear under the page's own CSP`);
  failed ||= !scriptRan;

  for (const width of [1400, 420]) {
    const flags = [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${join(work, `profile-${width}`)}`,
      `--window-size=${width},1200`,
    ];
    const { stdout: dom } = await run(
      CHROMIUM,
      [...flags, '--virtual-time-budget=3000', '--dump-dom', `file://${probed}`],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const json = /data-probe="([^"]*)"/
      .exec(dom)?.[1]
      ?.replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    if (json === undefined) throw new Error(`the layout probe did not run at ${width} px`);
    const probe = JSON.parse(json) as Probe;
    const checks: [string, boolean][] = [
      [`the ${width < 700 ? 'narrow (phone)' : 'wide'} layout`, probe.narrowLayout === width < 700],
      ['the verdict comes before the findings', probe.verdictBeforeFindings],
      ['severity-coloured count cards', probe.cards >= 2],
      ['charts present (4 on the demo)', probe.charts >= 4],
      ['the findings table lists every finding', probe.rows === report.findings.length],
      [`no badge wraps ${JSON.stringify(probe.wrappedBadges)}`, probe.wrappedBadges.length === 0],
      [`no header wraps ${JSON.stringify(probe.wrappedHeaders)}`, probe.wrappedHeaders.length === 0],
      [`no id wraps ${JSON.stringify(probe.wrappedIds)}`, probe.wrappedIds.length === 0],
      [`nothing wider than the window ${JSON.stringify(probe.overflowing)}`, probe.overflowing.length === 0],
    ];
    console.log(`At ${width} px (layout width ${probe.width}, page height ${probe.height} px):`);
    for (const [what, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    failed ||= checks.some(([, ok]) => !ok);

    const screenshot = join(outDir, `report-${width}.png`);
    await run(
      CHROMIUM,
      [
        ...flags.slice(0, -1),
        `--window-size=${width},${Math.min(probe.height, 16000)}`,
        '--virtual-time-budget=2000',
        `--screenshot=${screenshot}`,
        `file://${page}`,
      ],
      { timeout: 60_000 },
    );
    console.log(`  screenshot: ${screenshot}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
