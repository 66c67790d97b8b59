import type { Report } from '../../../model/report.js';
import { failedBySeverity, plural, type RuleGroup } from '../../assemble/digest.js';
import { clean, hang, padEnd, truncateEnd, truncateMiddle, widest, wrap } from './layout.js';
import type { Layout } from './page.js';
import { SEVERITY_STYLE } from './style.js';

/** The failed checks of the terminal report: by severity, worst first, then by rule, each rule with its fix. */

const FINDING_INDENT = '    ';
/** Below this, a finding's message goes under its resource instead of beside it. */
const MIN_MESSAGE_WIDTH = 32;

/** One resource column for the whole findings section, so messages line up from group to group. */
function resourceColumnWidth(report: Report, width: number): number {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  const longest = widest(failed.map((finding) => clean(finding.resourceId)));
  return Math.min(longest, Math.floor((width - FINDING_INDENT.length) * 0.4));
}

function ruleGroupLines(group: RuleGroup, resourceWidth: number, { width, paint }: Layout): string[] {
  const indent = FINDING_INDENT;
  const resources = group.findings.map((finding) => clean(finding.resourceId));
  const messageWidth = width - indent.length - resourceWidth - 2;
  const beside = messageWidth >= MIN_MESSAGE_WIDTH;

  const lines = [
    `  ${paint(clean(group.ruleId), 'bold')}  ${truncateEnd(clean(group.title), width - 4 - group.ruleId.length)}`,
  ];
  group.findings.forEach((finding, i) => {
    const resource = truncateMiddle(resources[i] ?? '', beside ? resourceWidth : width - indent.length);
    const message = clean(finding.message);
    if (beside) {
      lines.push(...hang(wrap(message, messageWidth), `${indent}${padEnd(resource, resourceWidth)}  `));
    } else {
      lines.push(
        `${indent}${resource}`,
        ...wrap(message, width - indent.length - 2).map((l) => `${indent}  ${l}`),
      );
    }
  });
  const fix = hang(wrap(clean(group.remediation), width - indent.length - 'Fix: '.length), `${indent}Fix: `);
  lines.push(...fix.map((line) => paint(line, 'dim')));
  return lines;
}

export function findings(report: Report, layout: Layout): string[] {
  const groups = failedBySeverity(report);
  if (groups.length === 0) return [];
  const resourceWidth = resourceColumnWidth(report, layout.width);
  const lines = [
    layout.paint(`Findings: ${plural(report.summary.failed, 'failed check')}, worst first`, 'bold'),
  ];
  for (const group of groups) {
    lines.push(
      '',
      layout.paint(`${group.severity.toUpperCase()} (${group.count})`, ...SEVERITY_STYLE[group.severity]),
    );
    group.rules.forEach((rule, i) => {
      if (i > 0) lines.push('');
      lines.push(...ruleGroupLines(rule, resourceWidth, layout));
    });
  }
  return lines;
}
