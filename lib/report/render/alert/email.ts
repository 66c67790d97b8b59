import { type Finding, SEVERITIES, type Severity } from '../../../model/finding.js';
import type { PreviousFinding, Report } from '../../../model/report.js';
import { plural, unknownByRule, verdict } from '../../assemble/digest.js';
import { UNSAFE_CHARACTERS } from '../escape.js';

/**
 * The alert as plain text, for SNS `email` and `default`: what changed, the counts, the findings worth
 * reading first with their remediation, and where the full report is. Pure.
 */

/** Where the full report is stored, or why it is not. */
export type ReportLink =
  | { kind: 'stored'; consoleUrl: string; uri: string }
  | { kind: 'not-stored'; reason: string };

export interface EmailOptions {
  link: ReportLink;
  /** At most this many findings are listed; the SNS message lowers it until the message fits. */
  maxListed: number;
}

export interface RenderedEmail {
  text: string;
  /** Findings listed, and findings there were to list. */
  listed: number;
  listable: number;
}

const UNKNOWN_GROUPS_SHOWN = 10;

/** One line of AWS-sourced text: control characters replaced, line breaks flattened. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(UNSAFE_CHARACTERS, '\uFFFD');
}

interface Entry {
  ruleId: string;
  title: string;
  severity: Severity;
  remediation: string;
  line: string;
}

interface Section {
  heading: string;
  /** Shown under the heading. */
  note?: string;
  entries: Entry[];
}

function fromFinding(finding: Finding): Entry {
  const since = finding.change === 'open' && finding.firstSeen ? ` (since ${finding.firstSeen})` : '';
  return {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    remediation: finding.remediation,
    line: `${oneLine(finding.resourceId)}: ${oneLine(finding.message)}${since}`,
  };
}

function fromPrevious(finding: PreviousFinding, remediation: string): Entry {
  return {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    remediation,
    line: `${oneLine(finding.resourceId)} (failing since ${finding.firstSeen})`,
  };
}

function sections(report: Report): Section[] {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  const changes = report.changes;
  if (changes?.status !== 'compared') {
    return [{ heading: `FAILED CHECKS (${failed.length})`, entries: failed.map(fromFinding) }];
  }
  const fresh = failed.filter((finding) => finding.change === 'new');
  const open = failed.filter((finding) => finding.change === 'open');
  const result: Section[] = [
    { heading: `NEW FAILED CHECKS (${fresh.length})`, entries: fresh.map(fromFinding) },
  ];
  if (changes.resolved.length > 0) {
    result.push({
      heading: `RESOLVED (${changes.resolved.length})`,
      entries: changes.resolved.map((finding) => fromPrevious(finding, '')),
    });
  }
  if (changes.unconfirmed.length > 0) {
    result.push({
      heading: `NOT CONFIRMED (${changes.unconfirmed.length})`,
      note: 'Failed last run and absent now, but this run could not check them: not counted as resolved.',
      entries: changes.unconfirmed.map((finding) => fromPrevious(finding, '')),
    });
  }
  if (open.length > 0)
    result.push({ heading: `STILL OPEN (${open.length})`, entries: open.map(fromFinding) });
  return result;
}

/** Entries grouped under their rule (severity, title, remediation once), in listing order. */
function renderSection(section: Section, entries: readonly Entry[]): string[] {
  const lines = [section.heading];
  if (section.note) lines.push(section.note);
  if (section.entries.length === 0) return [...lines, '  none', ''];
  let rule = '';
  for (const entry of entries) {
    if (entry.ruleId !== rule) {
      rule = entry.ruleId;
      lines.push(`* ${entry.severity.toUpperCase()}  ${entry.title} (${entry.ruleId})`);
      if (entry.remediation) lines.push(`  Fix: ${oneLine(entry.remediation)}`);
    }
    lines.push(`  - ${entry.line}`);
  }
  return [...lines, ''];
}

function whatChanged(report: Report): string {
  const changes = report.changes;
  if (changes === undefined) return 'Not compared with a previous report.';
  if (changes.status === 'unavailable')
    return `Not compared with the previous report: ${oneLine(changes.reason)}`;
  const counts =
    `${plural(changes.new, 'new failed check')}, ${changes.open} still open, ` +
    `${changes.resolved.length} resolved`;
  return changes.previous === null
    ? `${counts}. This is the first run: every finding is new.`
    : `${counts} since run ${changes.previous.runId} (${changes.previous.generatedAt}).`;
}

function counts(report: Report): string {
  const s = report.summary;
  const failed = SEVERITIES.filter((severity) => s.bySeverity[severity] > 0)
    .map((severity) => `${s.bySeverity[severity]} ${severity}`)
    .join(', ');
  return (
    `Failed checks: ${s.failed}${failed ? ` (${failed})` : ''}. Unknown checks: ${s.unknown}. ` +
    `Coverage gaps: ${s.coverageGaps}. Functions audited: ${s.functionsAudited} (${s.vpcFunctions} in a VPC).`
  );
}

function cleanupLines(report: Report): string[] {
  const cleanup = report.cleanup;
  if (cleanup === undefined) return [];
  const s = cleanup.summary;
  return [
    `ENI cleanup (${cleanup.mode}): ${plural(s.candidates, 'candidate')}, ${s.deleted} deleted, ` +
      `${s.wouldDelete} would be deleted, ${s.skipped} skipped, ${s.failed} failed.`,
  ];
}

function linkLines(link: ReportLink): string[] {
  return link.kind === 'stored'
    ? [`Full report (HTML): ${link.consoleUrl}`, `Stored at: ${link.uri}`]
    : [
        `The report could not be stored in S3 (${oneLine(link.reason)}).`,
        'Its findings are listed below, as many as fit in one message.',
      ];
}

function unknownLines(report: Report): string[] {
  const groups = unknownByRule(report);
  if (groups.length === 0) return [];
  const lines = [`COULD NOT BE CHECKED (${report.summary.unknown} unknown checks: not passes)`];
  for (const group of groups.slice(0, UNKNOWN_GROUPS_SHOWN)) {
    lines.push(
      `  - ${group.ruleId}: ${group.resources} (${oneLine(group.reasons[0]?.message ?? 'no reason given')})`,
    );
  }
  if (groups.length > UNKNOWN_GROUPS_SHOWN)
    lines.push(`  … and ${groups.length - UNKNOWN_GROUPS_SHOWN} more rules`);
  return [...lines, ''];
}

function truncationLine(left: number, link: ReportLink): string {
  const rest = `${plural(left, 'more finding')} not listed`;
  return link.kind === 'stored'
    ? `… and ${rest}: the message is kept short (SNS allows 256 KB). Full report: ${link.consoleUrl}`
    : `… and ${rest}: SNS allows 256 KB per message and the report could not be stored in S3.`;
}

export function renderEmail(report: Report, options: EmailOptions): RenderedEmail {
  const all = sections(report);
  const listable = all.reduce((sum, section) => sum + section.entries.length, 0);
  let budget = Math.max(0, options.maxListed);
  const body: string[] = [];
  for (const section of all) {
    const shown = section.entries.slice(0, budget);
    budget -= shown.length;
    body.push(...renderSection(section, shown));
  }
  const listed = Math.min(listable, Math.max(0, options.maxListed));
  const lines = [
    `Lambda VPC audit of account ${report.accountId} in ${report.region}`,
    `Run ${report.runId}, generated ${report.generatedAt}.`,
    '',
    ...(report.incomplete ? [`INCOMPLETE: ${oneLine(report.incomplete.reason)}`, ''] : []),
    ...(report.functionFilter
      ? [`Limited to functions: ${report.functionFilter.map(oneLine).join(', ')}`, '']
      : []),
    `What changed: ${whatChanged(report)}`,
    `Result: ${oneLine(verdict(report).text)}`,
    counts(report),
    ...cleanupLines(report),
    '',
    ...linkLines(options.link),
    '',
    ...body,
    ...unknownLines(report),
    ...(listed < listable ? [truncationLine(listable - listed, options.link), ''] : []),
  ];
  return { text: `${lines.join('\n').trimEnd()}\n`, listed, listable };
}
