import type { Finding, ResourceType, Severity } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import { failedRules, plural } from '../../assemble/digest.js';
import { type Column, clean, displayWidth, table, wrap } from './layout.js';
import type { Layout } from './page.js';
import { SEVERITY_STYLE } from './style.js';

/**
 * The terminal report's core: one table row per failed check (severity, rule, resource, the gist of the
 * message), then each failed rule's fix once. The full messages are behind `--details`.
 */

/** Below this the resource column gives way; ids stay whole on a 100-column terminal. */
const MIN_FINDING_WIDTH = 12;

/**
 * The gist of a message: its first clause, without the resource it starts with (the row shows it). Messages
 * are sentences built as "<resource> <what is wrong>: <evidence>; <more>".
 */
export function gist(finding: Pick<Finding, 'message' | 'resourceId' | 'functionName'>): string {
  let text = clean(finding.message).trim();
  for (const name of [finding.resourceId, finding.functionName]) {
    if (name !== undefined && name !== '' && text.startsWith(name)) {
      text = text
        .slice(name.length)
        .replace(/^['’]s\s+/, '')
        .replace(/^:\s+/, '')
        .trimStart();
      break;
    }
  }
  const clauses = text.split(/[:;](?:\s|$)|\.(?:\s|$)/).filter((clause) => clause.trim() !== '');
  // A clause without a space is a bare name ("eu-west-1: 4499 network interfaces …"): the next one says what is wrong.
  const [first = text, second] = clauses;
  return !first.includes(' ') && second !== undefined ? second.trim() : first.trim();
}

function findingColumns(rows: readonly Row[], width: number): Column[] {
  const widest = (column: number, header: string) =>
    Math.max(header.length, ...rows.map((row) => displayWidth(row.cells[column] ?? '')));
  const ruleWidth = widest(1, 'RULE');
  const resourceWidth = Math.min(40, widest(2, 'RESOURCE'));
  const used = 'MEDIUM'.length + ruleWidth + resourceWidth + 3 * 2 + 2;
  // On a narrow terminal the resource gives way (in the middle, ids keep their kind and suffix) before the gist does.
  const shrinkResource = width - used < MIN_FINDING_WIDTH;
  return [
    { header: 'SEVERITY' },
    { header: 'RULE' },
    { header: 'RESOURCE', truncate: 'middle', shrink: shrinkResource, max: resourceWidth },
    { header: 'FINDING', shrink: true },
  ];
}

function filterNote(report: Report): string[] {
  const filter = report.findingFilter;
  if (filter === undefined) return [];
  const hidden = filter.hiddenFailed + filter.hiddenUnknown;
  return [
    `  Showing ${filter.severities.join(', ')} only: ${plural(hidden, 'check')} of other severities left out ` +
      `(${filter.hiddenFailed} failed, ${filter.hiddenUnknown} unknown); the summary counts them all.`,
  ];
}

/** A rule with this many failed checks of one severity gets one row that names them all. */
const GROUP_FROM = 3;

const RESOURCE_NOUNS: Record<ResourceType, string> = {
  function: 'functions',
  subnet: 'subnets',
  vpc: 'VPCs',
  'security-group': 'security groups',
  'network-interface': 'ENIs',
  role: 'roles',
  'nat-gateway': 'NAT gateways',
  'capacity-provider': 'capacity providers',
  account: 'accounts',
};

type Row = { severity: Severity; cells: string[] };

/** One row per failed check, worst first; a rule's many checks of one severity as one row naming them. */
function failedRows(failed: readonly Finding[]): Row[] {
  const rows: Row[] = [];
  for (let start = 0; start < failed.length; ) {
    const head = failed[start] as Finding;
    let end = start + 1;
    while (
      end < failed.length &&
      failed[end]?.ruleId === head.ruleId &&
      failed[end]?.severity === head.severity
    )
      end += 1;
    const group = failed.slice(start, end);
    const types = new Set(group.map((f) => f.resourceType));
    if (group.length >= GROUP_FROM) {
      // Functions and the capacity providers they run on may share a rule: then they are "resources".
      const noun = types.size === 1 ? RESOURCE_NOUNS[head.resourceType] : 'resources';
      rows.push({
        severity: head.severity,
        cells: [
          head.severity.toUpperCase(),
          clean(head.ruleId),
          `${group.length} ${noun}`,
          group.map((f) => clean(f.resourceId)).join(', '),
        ],
      });
    } else {
      for (const finding of group)
        rows.push({
          severity: finding.severity,
          cells: [
            finding.severity.toUpperCase(),
            clean(finding.ruleId),
            clean(finding.resourceId),
            gist(finding),
          ],
        });
    }
    start = end;
  }
  return rows;
}

/** The failed checks, worst first. */
export function failedTable(report: Report, { width, paint }: Layout): string[] {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  const note = filterNote(report).flatMap((line) => wrap(line.trim(), width - 2).map((l) => `  ${l}`));
  if (failed.length === 0) return note;
  const rows = failedRows(failed);
  // The gist column needs a shrinkable width to fit; the others are sized to their content.
  const columns = findingColumns(rows, width - 2);
  const [header = '', ...body] = table(
    columns,
    rows.map((row) => row.cells),
    width - 2,
  );
  return [
    paint(`Failed checks: ${failed.length}, worst first`, 'bold'),
    `  ${paint(header, 'bold')}`,
    ...body.map((line, i) => {
      const severity = rows[i]?.severity ?? 'info';
      const label = severity.toUpperCase();
      // Colour only the severity cell, after the layout measured the plain text.
      return `  ${paint(label, ...SEVERITY_STYLE[severity])}${line.slice(label.length)}`;
    }),
    ...note,
  ];
}

const FIX_LINES = 2;

function shortened(lines: readonly string[]): string[] {
  const kept = lines.slice(0, FIX_LINES);
  const last = kept.at(-1) ?? '';
  return [...kept.slice(0, -1), `${last.replace(/[\s,;:.]*$/, '')}…`];
}

/** A remediation's first sentence: what to do; the rest (alternatives, caveats) is behind `--details`. */
function firstSentence(text: string): string {
  const [first = text] = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  return first;
}

/** Each failed rule's remediation, once, worst rule first: its first sentence, or all of it with `--details`. */
export function fixes(report: Report, { width, paint, details }: Layout): string[] {
  const rules = failedRules(report);
  if (rules.length === 0) return [];
  const title = `How to fix (${plural(rules.length, 'rule')}${details ? '' : '; each in full: --details'})`;
  const lines = [paint(title, 'bold')];
  for (const rule of rules) {
    const id = clean(rule.ruleId);
    const remediation = clean(rule.remediation);
    const shown = details ? remediation : firstSentence(remediation);
    const wrapped = wrap(`${id}: ${shown}`, width - 4);
    // Two lines a rule by default: the gist of what to do; every word of it with --details.
    const kept = details || wrapped.length <= FIX_LINES ? wrapped : shortened(wrapped);
    const [first = '', ...rest] = kept;
    // The first line starts with the id (wrap never splits a token that fits): bold it after the layout.
    const head = first.startsWith(id) ? `${paint(id, 'bold')}${first.slice(id.length)}` : first;
    lines.push(`  ${head}`, ...rest.map((line) => `    ${line}`));
  }
  return lines;
}
