import type { Finding } from '../../../model/finding.js';
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

function findingColumns(report: Report, width: number): Column[] {
  const ruleWidth = Math.max(...report.findings.map((f) => displayWidth(clean(f.ruleId))), 'RULE'.length);
  const resourceWidth = Math.min(
    40,
    Math.max(...report.findings.map((f) => displayWidth(clean(f.resourceId))), 'RESOURCE'.length),
  );
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

/** One row per failed check, worst first. */
export function failedTable(report: Report, { width, paint }: Layout): string[] {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  const note = filterNote(report).flatMap((line) => wrap(line.trim(), width - 2).map((l) => `  ${l}`));
  if (failed.length === 0) return note;
  const rows = failed.map((finding) => [
    finding.severity.toUpperCase(),
    clean(finding.ruleId),
    clean(finding.resourceId),
    gist(finding),
  ]);
  // The gist column needs a shrinkable width to fit; the others are sized to their content.
  const columns = findingColumns({ ...report, findings: failed }, width - 2);
  const [head = '', ...body] = table(columns, rows, width - 2);
  return [
    paint(`Failed checks: ${failed.length}, worst first`, 'bold'),
    `  ${paint(head, 'bold')}`,
    ...body.map((line, i) => {
      const severity = failed[i]?.severity ?? 'info';
      const label = severity.toUpperCase();
      // Colour only the severity cell, after the layout measured the plain text.
      return `  ${paint(label, ...SEVERITY_STYLE[severity])}${line.slice(label.length)}`;
    }),
    ...note,
  ];
}

/** Each failed rule's remediation, once, worst rule first. */
export function fixes(report: Report, { width, paint }: Layout): string[] {
  const rules = failedRules(report);
  if (rules.length === 0) return [];
  const lines = [paint(`How to fix (${plural(rules.length, 'rule')})`, 'bold')];
  for (const rule of rules) {
    const id = clean(rule.ruleId);
    const [first = '', ...rest] = wrap(`${id}: ${clean(rule.remediation)}`, width - 4);
    // The first line starts with the id (wrap never splits a token that fits): bold it after the layout.
    const head = first.startsWith(id) ? `${paint(id, 'bold')}${first.slice(id.length)}` : first;
    lines.push(`  ${head}`, ...rest.map((line) => `    ${line}`));
  }
  return lines;
}
