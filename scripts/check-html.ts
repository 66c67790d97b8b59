/**
 * Opens the demo account's HTML report in headless Chromium (Debian's `chromium`) and checks that the page
 * a browser builds shows the summary and the findings; optionally saves a screenshot to look at.
 *
 *   npx tsx scripts/check-html.ts [--screenshot report.png]
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
const screenshotArg = process.argv.indexOf('--screenshot');
const screenshot =
  screenshotArg === -1 ? undefined : resolve(process.argv[screenshotArg + 1] ?? 'report.png');

const { report } = await runAudit({
  source: { kind: 'file', path: 'examples/demo-account.json' },
  settings: DEFAULT_ANALYSIS_SETTINGS,
  runId: '20261124T030000Z-demo0000',
  now: new Date('2026-11-24T03:00:00.000Z'),
});
const work = await mkdtemp(join(tmpdir(), 'check-html-'));
try {
  const page = join(work, 'report.html');
  await writeFile(page, renderHtml(report), 'utf8');
  const flags = [...CHROMIUM_FLAGS, `--user-data-dir=${join(work, 'profile')}`];
  const started = Date.now();
  const { stdout: dom } = await run(CHROMIUM, [...flags, '--dump-dom', `file://${page}`], {
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });

  const firstFailed = report.findings.find((finding) => finding.status === 'fail');
  const checks: [string, boolean][] = [
    ['the page title', dom.includes(`<h1>Lambda VPC audit: ${report.accountId} / ${report.region}</h1>`)],
    ['the verdict', /<div class="verdict (fail|unknown|pass)" id="verdict">/.test(dom)],
    ['the summary cards', dom.includes('<div class="cards" id="summary">')],
    ['the findings heading', dom.includes(`Findings (${report.summary.failed} failed check`)],
    ['a failed finding', firstFailed !== undefined && dom.includes(firstFailed.resourceId)],
    ['its remediation', dom.includes('<strong>Remediation:</strong>')],
    ['the inventory', dom.includes(`VPC functions (${report.inventory.length})`)],
    ['no script in the page', !/<script/i.test(dom)],
  ];
  for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  console.log(`Chromium rendered ${dom.length} characters of DOM in ${Date.now() - started} ms.`);

  if (screenshot) {
    await run(
      CHROMIUM,
      [...flags, `--screenshot=${screenshot}`, '--window-size=1280,2200', `file://${page}`],
      {
        timeout: 60_000,
      },
    );
    console.log(`Screenshot: ${screenshot}`);
  }
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
