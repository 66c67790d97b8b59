import type { CleanupAction, CleanupOutcome } from '../../../model/cleanup.js';
import type { Report } from '../../../model/report.js';
import { clean, hang, padEnd, widest, wrap } from './layout.js';
import type { Layout } from './page.js';
import type { Paint, Style } from './style.js';

const OUTCOME_STYLE: Record<CleanupOutcome, readonly Style[]> = {
  deleted: ['green'],
  'would-delete': ['cyan'],
  skipped: ['dim'],
  failed: ['red'],
};
const OUTCOME_WIDTH = 'would-delete'.length;

function actionLines(action: CleanupAction, idWidth: number, width: number, paint: Paint): string[] {
  const id = padEnd(clean(action.networkInterfaceId), idWidth);
  const outcome = padEnd(action.outcome, OUTCOME_WIDTH);
  const head = `    ${id}  ${outcome}  `;
  const [first = '', ...rest] = hang(wrap(clean(action.reason), Math.max(20, width - head.length)), head);
  // Colour goes on after the layout, which counts plain characters.
  return [
    `    ${id}  ${paint(outcome, ...OUTCOME_STYLE[action.outcome])}  ${first.slice(head.length)}`,
    ...rest,
  ];
}

/** What the opt-in ENI cleanup did, one line per orphaned ENI it considered. */
export function cleanupText(report: Report, { width, paint }: Layout): string[] {
  const cleanup = report.cleanup;
  if (cleanup === undefined) return [];
  const s = cleanup.summary;
  const done = cleanup.mode === 'dry-run' ? `${s.wouldDelete} would be deleted` : `${s.deleted} deleted`;
  const lines = [
    paint(
      `ENI cleanup (${cleanup.mode === 'dry-run' ? 'dry run' : 'applied'}, minimum orphan age ` +
        `${cleanup.minOrphanAgeHours} h): ${done}, ${s.skipped} skipped, ${s.failed} failed`,
      'bold',
      ...(s.failed > 0 ? (['red'] as const) : []),
    ),
    ...wrap(
      `DeleteNetworkInterface permission: ${cleanup.permission.status}. ${clean(cleanup.permission.detail)}`,
      width - 2,
    ).map((line) => `  ${line}`),
  ];
  if (cleanup.actions.length === 0) lines.push('  No orphaned Lambda ENI to consider.');
  const idWidth = widest(cleanup.actions.map((action) => clean(action.networkInterfaceId)));
  for (const action of cleanup.actions) lines.push(...actionLines(action, idWidth, width, paint));
  for (const note of cleanup.notes)
    lines.push(...wrap(clean(note), width - 2).map((line) => paint(`  ${line}`, 'dim')));
  return lines;
}
