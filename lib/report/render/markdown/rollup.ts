import { SEVERITIES } from '../../../model/finding.js';
import type { Rollup, RollupTarget } from '../../../model/rollup.js';
import { failedBreakdown, plural, SEVERITY_LABEL } from '../../assemble/digest.js';
import {
  accountLabel,
  regionLabel,
  rollupVerdict,
  STATUS_LABEL,
  targetCountCells,
  targetNote,
} from '../../assemble/rollup-digest.js';
import { escapeMarkdown as md } from '../escape.js';
import { joinSections } from '../lines.js';
import { type Align, table } from './table.js';

/** The Markdown roll-up (stored beside the JSON one in S3). Everything from AWS is escaped. Pure. */

function title(rollup: Rollup): string[] {
  const t = rollup.totals;
  const lines = ['# Lambda VPC audit roll-up', ''];
  if (t.failed + t.notAssumable + t.incomplete > 0) {
    lines.push(
      '> [!CAUTION]',
      `> **Not every target was fully audited.** ${plural(t.failed, 'target')} failed, ` +
        `${plural(t.notAssumable, 'target')} not assumable, ${plural(t.incomplete, 'report')} incomplete: ` +
        'what they hold was neither passed nor failed.',
      '',
    );
  }
  lines.push(
    `${md(rollup.tool.name)} ${md(rollup.tool.version)} · generated ${md(rollup.generatedAt)} · ` +
      `run ${md(rollup.runId)} · ${plural(t.targets, 'target')} in ${plural(t.accounts, 'account')}`,
  );
  return lines;
}

function summary(rollup: Rollup): string[] {
  const t = rollup.totals;
  const breakdown = failedBreakdown(t.bySeverity);
  return [
    '## Summary',
    '',
    '| | Count |',
    '| --- | ---: |',
    `| Targets | ${t.targets} |`,
    `| Audited | ${t.audited} |`,
    `| Failed | ${t.failed} |`,
    `| Not assumable | ${t.notAssumable} |`,
    `| Incomplete | ${t.incomplete} |`,
    `| With coverage gaps | ${t.withCoverageGaps} |`,
    `| Failed checks | ${t.failedChecks}${breakdown === '' ? '' : ` (${breakdown})`} |`,
    `| Unknown checks | ${t.unknownChecks} |`,
    '',
    `**Result:** ${md(rollupVerdict(rollup).text)}`,
  ];
}

function targetRow(target: RollupTarget): string[] {
  const status = target.status === 'audited' ? STATUS_LABEL.audited : `**${STATUS_LABEL[target.status]}**`;
  return [
    md(accountLabel(target)),
    md(regionLabel(target)),
    status,
    ...targetCountCells(target, '–'),
    md(targetNote(target)),
  ];
}

/** Account, region and status to the left; the counts to the right; the note to the left. */
const TARGET_ALIGN: readonly Align[] = [
  'left',
  'left',
  'left',
  ...SEVERITIES.map((): Align => 'right'),
  'right',
  'right',
];

function targets(rollup: Rollup): string[] {
  const headers = [
    'Account',
    'Region',
    'Status',
    ...SEVERITIES.map((severity) => SEVERITY_LABEL[severity]),
    'Unknown',
    'Coverage gaps',
    'Note',
  ];
  return [
    `## Targets (${rollup.targets.length}), those needing attention first`,
    '',
    ...(rollup.targets.length === 0
      ? ['None.']
      : table(headers, rollup.targets.map(targetRow), TARGET_ALIGN)),
  ];
}

function worstFindings(rollup: Rollup): string[] {
  const lines = [`## Worst findings (${rollup.worstFindings.length} of ${rollup.totals.failedChecks})`, ''];
  if (rollup.worstFindings.length === 0) return [...lines, 'No check failed.'];
  const rows = rollup.worstFindings.map((f) => [
    SEVERITY_LABEL[f.severity],
    md(f.accountId),
    md(f.region),
    md(f.ruleId),
    md(f.resourceId),
    md(f.message),
  ]);
  lines.push(...table(['Severity', 'Account', 'Region', 'Rule', 'Resource', 'Message'], rows));
  if (rollup.moreFailedChecks > 0) {
    lines.push('', `… and ${rollup.moreFailedChecks} more failed checks in the per-target reports.`);
  }
  return lines;
}

export function renderRollupMarkdown(rollup: Rollup): string {
  return joinSections([title(rollup), summary(rollup), targets(rollup), worstFindings(rollup)]);
}
