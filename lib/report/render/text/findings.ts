import type { Report } from '../../../model/report.js';
import { failedBySeverity, plural, type RuleGroup } from '../../assemble/digest.js';
import { clean, hang, padEnd, truncateMiddle, widest, wrap } from './layout.js';
import type { Layout } from './page.js';
import { SEVERITY_STYLE } from './style.js';

/**
 * `--details`: every failed check's whole message, by severity (worst first) and rule, each rule under its
 * title. The fixes are listed once per rule elsewhere (failed.ts), so a rule failing at two severities is not
 * told twice.
 */

const FINDING_INDENT = '    ';
/** Below this, a finding's message goes under its resource instead of beside it. */
const MIN_MESSAGE_WIDTH = 32;

/** One resource column for the whole section, so messages line up from group to group. */
function resourceColumnWidth(report: Report, width: number): number {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  const longest = widest(failed.map((finding) => clean(finding.resourceId)));
  return Math.min(longest, Math.floor((width - FINDING_INDENT.length) * 0.4));
}

function ruleGroupLines(group: RuleGroup, resourceWidth: number, { width, paint }: Layout): string[] {
  const indent = FINDING_INDENT;
  const messageWidth = width - indent.length - resourceWidth - 2;
  const beside = messageWidth >= MIN_MESSAGE_WIDTH;
  const id = clean(group.ruleId);
  // The title is wrapped beside the id (or under it, on a narrow terminal), never cut.
  const besideWidth = width - 4 - id.length;
  const lines =
    besideWidth < 20
      ? [`  ${paint(id, 'bold')}`, ...wrap(clean(group.title), width - 4).map((line) => `    ${line}`)]
      : wrap(clean(group.title), besideWidth).map((line, i) =>
          i === 0 ? `  ${paint(id, 'bold')}  ${line}` : `  ${' '.repeat(id.length)}  ${line}`,
        );
  for (const finding of group.findings) {
    const resource = clean(finding.resourceId);
    const message = clean(finding.message);
    if (beside) {
      const head = `${indent}${padEnd(truncateMiddle(resource, resourceWidth), resourceWidth)}  `;
      lines.push(...hang(wrap(message, messageWidth), head));
    } else {
      lines.push(
        `${indent}${truncateMiddle(resource, width - indent.length)}`,
        ...wrap(message, width - indent.length - 2).map((l) => `${indent}  ${l}`),
      );
    }
  }
  return lines;
}

export function findings(report: Report, layout: Layout): string[] {
  const groups = failedBySeverity(report);
  if (groups.length === 0) return [];
  const resourceWidth = resourceColumnWidth(report, layout.width);
  const failed = groups.reduce((sum, group) => sum + group.count, 0);
  const lines = [layout.paint(`Failed checks in full: ${plural(failed, 'check')}`, 'bold')];
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
