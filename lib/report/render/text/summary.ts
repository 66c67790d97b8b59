import { SEVERITIES } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import { INCOMPLETE_SCOPE, plural, verdict } from '../../assemble/digest.js';
import { clean, displayWidth, flow, hang, wrap } from './layout.js';
import { type Layout, resultLines, summaryLine, titleLine } from './page.js';
import { type Paint, SEVERITY_STYLE } from './style.js';

/** The top of the terminal report: which account, region and run, the incomplete banner, the counts and verdict. */

export function header(report: Report, { width, paint }: Layout): string[] {
  const facts = [
    `Account ${clean(report.accountId)}`,
    `Region ${clean(report.region)}`,
    `Captured ${clean(report.capturedAt)}`,
    `Run ${clean(report.runId)}`,
  ];
  const lines = [titleLine(report.tool, 'Lambda VPC audit', paint), ...flow(facts, width, ' · ')];
  if (report.incomplete) {
    const rule = '='.repeat(width);
    lines.push(
      '',
      paint(rule, 'red'),
      paint(' INCOMPLETE REPORT ', 'red', 'bold', 'inverse'),
      ...wrap(`Collection stopped early: ${clean(report.incomplete.reason)}`, width - 1).map((l) => ` ${l}`),
      ...wrap(INCOMPLETE_SCOPE, width - 1).map((l) => ` ${l}`),
      paint(rule, 'red'),
    );
  }
  return lines;
}

/** "critical 1 · high 0 · …", each count in its severity's colour, flowed onto as many lines as `available` needs. */
function severityCounts(report: Report, available: number, paint: Paint): string[] {
  const separator = ' · ';
  const lines: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const severity of SEVERITIES) {
    const count = report.summary.bySeverity[severity];
    const text = `${severity} ${count}`;
    const needed = text.length + (current.length > 0 ? separator.length : 0);
    if (current.length > 0 && used + needed > available) {
      lines.push(current);
      current = [];
      used = 0;
    }
    used += text.length + (current.length > 0 ? separator.length : 0);
    current.push(count > 0 ? paint(text, ...SEVERITY_STYLE[severity]) : paint(text, 'dim'));
  }
  lines.push(current);
  return lines.map((items) => items.join(separator));
}

const LABEL_WIDTH = 'Functions audited'.length + 2;

function line(label: string, value: string): string {
  return summaryLine(label, value, LABEL_WIDTH);
}

export function summary(report: Report, layout: Layout): string[] {
  const s = report.summary;
  // The by-severity counts follow the failed total and wrap under themselves on a narrow terminal.
  const failedPrefix = `${line('Failed checks', String(s.failed))}: `;
  const failedLines = hang(
    severityCounts(report, layout.width - displayWidth(failedPrefix), layout.paint),
    failedPrefix,
  );
  return [
    layout.paint('Summary', 'bold'),
    line('Functions audited', String(s.functionsAudited)),
    line('VPC functions', `${s.vpcFunctions} (${plural(s.vpcFunctionVersions, 'VPC-enabled version')})`),
    line('Lambda ENIs', s.lambdaEnis === null ? 'not collected' : String(s.lambdaEnis)),
    ...failedLines,
    line('Unknown checks', String(s.unknown)),
    line('Coverage gaps', String(s.coverageGaps)),
    line('Rule errors', String(s.ruleErrors)),
  ];
}

/** The last lines of the report: the verdict, in its colour. */
export function verdictLines(report: Report, layout: Layout): string[] {
  return resultLines(verdict(report), layout);
}
