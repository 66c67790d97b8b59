import { SEVERITIES } from '../../../model/finding.js';
import type { InventoryFunction, Report } from '../../../model/report.js';
import {
  failedBySeverity,
  plural,
  type RuleGroup,
  resourceCount,
  unknownByRule,
  type VerdictKind,
  verdict,
} from '../../assemble/digest.js';
import { cleanupText } from './cleanup.js';
import { demandText } from './demand.js';
import { eniDependenciesText } from './eni-dependencies.js';
import {
  type Column,
  clean,
  displayWidth,
  flow,
  hang,
  padEnd,
  table,
  truncateEnd,
  truncateMiddle,
  widest,
  wrap,
} from './layout.js';
import { routingText } from './routing.js';
import { type Paint, painter, SEVERITY_STYLE, type Style } from './style.js';

export interface TextOptions {
  /** ANSI colour; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Terminal columns; defaults to 100, clamped to a readable range. */
  width?: number;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const MAX_WIDTH = 160;
/** The terminal inventory is an overview; the full list is in the JSON and Markdown reports. */
const INVENTORY_ROWS = 50;
/** Below this, a finding's message goes under its resource instead of beside it. */
const MIN_MESSAGE_WIDTH = 32;
const DETAILS_HINT = 'Details (evidence, ARNs, every rule): --format json or --format md.';

interface Layout {
  width: number;
  paint: Paint;
}

const VERDICT_STYLE: Record<VerdictKind, readonly Style[]> = {
  fail: ['red', 'bold'],
  unknown: ['yellow', 'bold'],
  pass: ['green', 'bold'],
};

function header(report: Report, { width, paint }: Layout): string[] {
  const facts = [
    `Account ${clean(report.accountId)}`,
    `Region ${clean(report.region)}`,
    `Captured ${clean(report.capturedAt)}`,
    `Run ${clean(report.runId)}`,
  ];
  const lines = [
    paint(`${clean(report.tool.name)} ${clean(report.tool.version)}: Lambda VPC audit`, 'bold'),
    ...flow(facts, width, ' · '),
  ];
  if (report.incomplete) {
    const rule = '='.repeat(width);
    lines.push(
      '',
      paint(rule, 'red'),
      paint(' INCOMPLETE REPORT ', 'red', 'bold', 'inverse'),
      ...wrap(`Collection stopped early: ${clean(report.incomplete.reason)}`, width - 1).map((l) => ` ${l}`),
      ...wrap(
        'Only what was collected was checked; anything else was neither passed nor failed.',
        width - 1,
      ).map((l) => ` ${l}`),
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

const SUMMARY_LABEL_WIDTH = 'Functions audited'.length + 2;

function summaryLine(label: string, value: string): string {
  return `  ${padEnd(label, SUMMARY_LABEL_WIDTH)}${value}`;
}

function summary(report: Report, { width, paint }: Layout): string[] {
  const s = report.summary;
  // The by-severity counts follow the failed total and wrap under themselves on a narrow terminal.
  const failedPrefix = `${summaryLine('Failed checks', String(s.failed))}: `;
  const failedLines = hang(severityCounts(report, width - displayWidth(failedPrefix), paint), failedPrefix);
  const outcome = verdict(report);
  return [
    paint('Summary', 'bold'),
    summaryLine('Functions audited', String(s.functionsAudited)),
    summaryLine(
      'VPC functions',
      `${s.vpcFunctions} (${plural(s.vpcFunctionVersions, 'VPC-enabled version')})`,
    ),
    summaryLine('Lambda ENIs', s.lambdaEnis === null ? 'not collected' : String(s.lambdaEnis)),
    ...failedLines,
    summaryLine('Unknown checks', String(s.unknown)),
    summaryLine('Coverage gaps', String(s.coverageGaps)),
    summaryLine('Rule errors', String(s.ruleErrors)),
    '',
    ...hang(wrap(outcome.text, width - 'Result: '.length), 'Result: ').map((line) =>
      paint(line, ...VERDICT_STYLE[outcome.kind]),
    ),
  ];
}

const FINDING_INDENT = '    ';

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

function findings(report: Report, layout: Layout): string[] {
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

function unknownChecks(report: Report, { width, paint }: Layout): string[] {
  const groups = unknownByRule(report);
  if (groups.length === 0) return [];
  const lines = [
    paint(`Unknown checks: ${report.summary.unknown}, not passed: they could not be made`, 'bold', 'yellow'),
  ];
  for (const group of groups) {
    const [top, ...others] = group.reasons;
    const more = others.length > 0 ? ` (+${plural(others.length, 'other reason')}, see --format json)` : '';
    lines.push(
      `  ${paint(clean(group.ruleId), 'bold')}: ${resourceCount(group.resources, group.resourceType)}`,
      ...wrap(clean(top?.message ?? '') + more, width - 6).map((line) => `      ${line}`),
    );
  }
  return lines;
}

function ruleErrors(report: Report, { width, paint }: Layout): string[] {
  const failedRules = report.rules.filter((rule) => rule.error !== undefined);
  if (failedRules.length === 0) return [];
  return [
    paint(`Rule errors: ${failedRules.length} (their resources are unknown)`, 'bold', 'red'),
    ...failedRules.flatMap((rule) => {
      const first = `  ${clean(rule.id)}: `;
      return hang(wrap(clean(rule.error ?? ''), width - displayWidth(first)), first);
    }),
  ];
}

function coverageGaps(report: Report, { width, paint }: Layout): string[] {
  if (report.coverage.length === 0) return [];
  const apiWidth = Math.min(36, widest(report.coverage.map((gap) => clean(gap.api))));
  const codeWidth = Math.min(32, widest(report.coverage.map((gap) => clean(gap.errorCode))));
  const lines = [paint(`Coverage gaps: ${report.coverage.length}, data that could not be collected`, 'bold')];
  for (const gap of report.coverage) {
    const resource = gap.resource === undefined ? `all ${gap.part}` : clean(gap.resource);
    const head = `  ${padEnd(truncateMiddle(clean(gap.api), apiWidth), apiWidth)}  ${padEnd(truncateEnd(clean(gap.errorCode), codeWidth), codeWidth)}  `;
    lines.push(head + truncateMiddle(resource, Math.max(12, width - displayWidth(head))));
    lines.push(...wrap(clean(gap.message), width - 6).map((line) => paint(`      ${line}`, 'dim')));
  }
  return lines;
}

function subnetItems(fn: InventoryFunction | undefined): string[] {
  return (fn?.subnets ?? []).map(
    (subnet) => `${clean(subnet.subnetId)} (${clean(subnet.availabilityZone ?? 'AZ unknown')})`,
  );
}

const INVENTORY_COLUMNS: readonly Column[] = [
  { header: 'NAME', max: 32, shrink: true },
  { header: 'MEMORY', align: 'right' },
  { header: 'RUNTIME', max: 14, shrink: true },
  { header: 'VPC', max: 21, truncate: 'middle', shrink: true },
  { header: 'STATE', max: 10 },
];

/** One row per function, its subnets on a line below: a 24-character subnet id plus AZ does not fit a column. */
function inventoryTable(functions: readonly InventoryFunction[], width: number): string[] {
  const rows = functions.map((fn) => [
    clean(fn.name),
    `${fn.memorySize} MB`,
    clean(fn.runtime ?? '-'),
    fn.vpcIds.length === 0 ? '-' : clean(fn.vpcIds.join(', ')),
    clean(fn.state ?? 'n/a'),
  ]);
  // Table rows are one line each, so body line i is function i.
  const [head = '', ...body] = table(INVENTORY_COLUMNS, rows, width);
  const subnetsLabel = '    subnets: ';
  return [
    head,
    ...body.flatMap((line, i) => {
      const subnets = subnetItems(functions[i]);
      if (subnets.length === 0) return [line, `${subnetsLabel}none`];
      return [line, ...hang(flow(subnets, width - subnetsLabel.length, ', '), subnetsLabel)];
    }),
  ];
}

function inventory(report: Report, { width, paint }: Layout): string[] {
  const shown = report.inventory.slice(0, INVENTORY_ROWS);
  const lines = [paint(`VPC functions: ${report.inventory.length}`, 'bold')];
  if (shown.length === 0) return [...lines, '  None found.'];
  const [head = '', ...body] = inventoryTable(shown, width - 2);
  lines.push(`  ${paint(head, 'dim')}`, ...body.map((line) => `  ${line}`));
  const hidden = report.inventory.length - shown.length;
  if (hidden > 0)
    lines.push(paint(`  … and ${hidden} more; the JSON and Markdown reports list them all.`, 'dim'));
  return lines;
}

function footer(report: Report, { width, paint }: Layout): string[] {
  const s = report.summary;
  const steps: string[] = [];
  if (s.failed > 0) steps.push('Next: fix the findings worst first; each rule has a Fix line.');
  if (s.coverageGaps > 0 || report.incomplete) {
    steps.push(
      'Close the coverage gaps (often a missing IAM permission or throttling) and run the audit again.',
    );
  } else if (s.unknown > 0) {
    steps.push('Unknown checks are not passes: resolve the reason given for each and run the audit again.');
  }
  steps.push(DETAILS_HINT);
  return steps.flatMap((step) => wrap(step, width)).map((line) => paint(line, 'dim'));
}

/** The terminal report a platform engineer reads after an audit. Pure: colour and width come from the caller. */
export function renderText(report: Report, options: TextOptions): string {
  const requested =
    options.width !== undefined && Number.isFinite(options.width) ? options.width : DEFAULT_WIDTH;
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(requested)));
  const layout: Layout = { width, paint: painter(options.color) };
  const sections = [
    header,
    summary,
    findings,
    unknownChecks,
    ruleErrors,
    coverageGaps,
    routingText,
    demandText,
    eniDependenciesText,
    cleanupText,
    inventory,
    footer,
  ]
    .map((section) => section(report, layout))
    .filter((lines) => lines.length > 0);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
