import type { PreviousFinding, Report } from '../../../model/report.js';
import { plural } from '../../assemble/digest.js';
import { escapeMarkdown as md } from '../escape.js';
import { table } from './table.js';

/** The report's "Changes" section in Markdown: this run against the previous one (lib/report/assemble/diff.ts). Pure. */

function rows(findings: readonly PreviousFinding[]): string[] {
  return table(
    ['Severity', 'Rule', 'Resource', 'Failing since'],
    findings.map((f) => [f.severity, md(f.ruleId), md(f.resourceId), md(f.firstSeen)]),
  );
}

export function changesMarkdown(report: Report): string[] {
  const changes = report.changes;
  if (changes === undefined) return [];
  if (changes.status === 'unavailable') {
    return ['## Changes', '', `Not compared with the previous report: ${md(changes.reason)}`];
  }
  const since =
    changes.previous === null
      ? 'First stored run: every finding is new.'
      : `Compared with run ${md(changes.previous.runId)} of ${md(changes.previous.generatedAt)}.`;
  const lines = [
    '## Changes',
    '',
    `${since} ${plural(changes.new, 'new failed check')}, ${changes.open} still open, ${changes.resolved.length} resolved.`,
  ];
  if (changes.resolved.length > 0)
    lines.push('', `### Resolved (${changes.resolved.length})`, '', ...rows(changes.resolved));
  if (changes.unconfirmed.length > 0) {
    lines.push(
      '',
      `### Not confirmed (${changes.unconfirmed.length})`,
      '',
      'Failed last run and absent now, but this run could not check them: not counted as resolved.',
      '',
      ...rows(changes.unconfirmed),
    );
  }
  return lines;
}
