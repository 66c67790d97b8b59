import { SEVERITIES } from '../../../model/finding.js';
import type { Rollup, RollupTarget } from '../../../model/rollup.js';
import { failedBreakdown, plural } from '../../assemble/digest.js';
import {
  accountLabel,
  regionLabel,
  rollupVerdict,
  STATUS_LABEL,
  targetCountCells,
  targetNote,
} from '../../assemble/rollup-digest.js';
import { joinSections } from '../lines.js';
import { type Column, clean, table, wrap } from './layout.js';
import {
  hintLines,
  type Layout,
  layoutOf,
  resultLines,
  summaryLine,
  type TextOptions,
  titleLine,
} from './page.js';
import { SEVERITY_STYLE } from './style.js';

/** The terminal roll-up of a multi-target audit. Pure: colour and width come from the caller. */

/** The terminal shows the targets needing attention first; the JSON and Markdown roll-ups list every one. */
export const TARGET_ROWS = 100;

const LABEL_WIDTH = 'Coverage gaps'.length + 2;

function line(label: string, value: string): string {
  return summaryLine(label, value, LABEL_WIDTH);
}

function header(rollup: Rollup, { width, paint }: Layout): string[] {
  const t = rollup.totals;
  return [
    titleLine(rollup.tool, 'Lambda VPC audit roll-up', paint),
    ...wrap(
      `Run ${clean(rollup.runId)} · Generated ${clean(rollup.generatedAt)} · ` +
        `${plural(t.targets, 'target')} in ${plural(t.accounts, 'account')}`,
      width,
    ),
  ];
}

function summary(rollup: Rollup, layout: Layout): string[] {
  const t = rollup.totals;
  const unaudited = [
    t.failed > 0 ? `${t.failed} failed` : '',
    t.notAssumable > 0 ? `${t.notAssumable} not assumable` : '',
  ].filter((part) => part !== '');
  const breakdown = failedBreakdown(t.bySeverity);
  const outcome = rollupVerdict(rollup);
  return [
    layout.paint('Summary', 'bold'),
    line('Targets', `${t.targets} (${t.audited} audited${unaudited.map((part) => `, ${part}`).join('')})`),
    line('Incomplete', plural(t.incomplete, 'target')),
    line('Coverage gaps', `${plural(t.withCoverageGaps, 'target')} with gaps`),
    line('Failed checks', breakdown === '' ? String(t.failedChecks) : `${t.failedChecks} (${breakdown})`),
    line('Unknown', plural(t.unknownChecks, 'check')),
    '',
    ...resultLines(outcome, layout),
  ];
}

const TARGET_COLUMNS: readonly Column[] = [
  { header: 'ACCOUNT', max: 40, shrink: true },
  { header: 'REGION', max: 16 },
  { header: 'STATUS', max: 13 },
  ...SEVERITIES.map((severity): Column => ({ header: severity.toUpperCase(), align: 'right' })),
  { header: 'UNKNOWN', align: 'right' },
  { header: 'GAPS', align: 'right' },
  { header: 'NOTE', shrink: true },
];

function targetRow(target: RollupTarget): string[] {
  return [
    clean(accountLabel(target)),
    clean(regionLabel(target)),
    STATUS_LABEL[target.status],
    ...targetCountCells(target, '-'),
    clean(targetNote(target)),
  ];
}

function targets(rollup: Rollup, { width, paint }: Layout): string[] {
  const shown = rollup.targets.slice(0, TARGET_ROWS);
  if (shown.length === 0) return [];
  const [head = '', ...body] = table(TARGET_COLUMNS, shown.map(targetRow), width - 2);
  const lines = [
    paint('Targets, those needing attention first', 'bold'),
    `  ${paint(head, 'dim')}`,
    ...body.map((row, i) => {
      const target = shown[i];
      return `  ${target && target.status !== 'audited' ? paint(row, 'red') : row}`;
    }),
  ];
  const hidden = rollup.targets.length - shown.length;
  if (hidden > 0) {
    lines.push(paint(`  … and ${hidden} more; the JSON and Markdown roll-ups list every target.`, 'dim'));
  }
  return lines;
}

function worstFindings(rollup: Rollup, { width, paint }: Layout): string[] {
  if (rollup.worstFindings.length === 0) return [];
  const lines = [
    paint(
      `Worst findings: ${rollup.worstFindings.length} of ${plural(rollup.totals.failedChecks, 'failed check')}`,
      'bold',
    ),
  ];
  for (const finding of rollup.worstFindings) {
    const head = `  ${finding.severity.toUpperCase()} ${clean(finding.accountId)} ${clean(finding.region)} ${clean(finding.ruleId)}`;
    lines.push(paint(head, ...SEVERITY_STYLE[finding.severity]));
    lines.push(
      ...wrap(`${clean(finding.resourceId)}: ${clean(finding.message)}`, width - 6).map((l) => `      ${l}`),
    );
  }
  if (rollup.moreFailedChecks > 0) {
    lines.push(paint(`  … and ${rollup.moreFailedChecks} more in the per-target reports.`, 'dim'));
  }
  return lines;
}

function footer(rollup: Rollup, layout: Layout): string[] {
  const t = rollup.totals;
  const steps: string[] = [];
  if (t.notAssumable > 0) {
    steps.push(
      'Not assumable: deploy the member role (infra/member-role-stack.ts) in those accounts, trusting the auditor account.',
    );
  }
  if (t.failed > 0)
    steps.push('Failed targets: the note says why (a region not enabled, no access to STS...).');
  if (t.incomplete > 0)
    steps.push('Incomplete reports ran out of time: audit those targets again on their own.');
  steps.push('Each target has its own report; details: --format json or --format md.');
  return hintLines(steps, layout);
}

export function renderRollupText(rollup: Rollup, options: TextOptions): string {
  const layout = layoutOf(options);
  return joinSections(
    [header, summary, targets, worstFindings, footer].map((section) => section(rollup, layout)),
  );
}
