import { type Finding, SEVERITIES } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import { plural } from '../../assemble/digest.js';
import { UNSAFE_CHARACTERS } from '../escape.js';

/**
 * The alert for chat: an AWS Chatbot (Amazon Q Developer in chat applications) custom notification, which a
 * Slack or Teams channel subscribed to the topic shows natively, and the same content for a Slack incoming
 * webhook. Chatbot silently drops a payload that does not follow its schema, so the shape is fixed here. Pure.
 */

export interface ChatContent {
  title: string;
  description: string;
  nextSteps: string[];
}

export interface ChatbotNotification {
  version: '1.0';
  source: 'custom';
  content: { textType: 'client-markdown' } & ChatContent;
  metadata: { threadId: string; summary: string };
}

/** Findings and next steps shown in chat; the full list is in the linked report. */
const FINDINGS_SHOWN = 10;
const NEXT_STEPS_SHOWN = 5;
/** Slack shows about 3,000 characters of a block before cutting; the description stays under that. */
export const MAX_DESCRIPTION_LENGTH = 2_800;

/** Text for chat markdown: `&`, `<` and `>` are Slack's control characters (links, mentions). */
export function text(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(UNSAFE_CHARACTERS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span: nothing inside is formatted (a name like `a_b_c` is not italics); backticks cannot occur. */
export function code(value: string): string {
  return `\`${text(value).replace(/`/g, "'")}\``;
}

export function limit(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** `2 new failed checks, 1 resolved`, or what else happened; shared by the SNS subject and the chat title. */
export function headline(report: Report): string {
  const parts: string[] = [];
  const changes = report.changes;
  if (changes?.status === 'compared') {
    parts.push(plural(changes.new, 'new failed check'));
    if (changes.resolved.length > 0) parts.push(`${changes.resolved.length} resolved`);
    if (changes.open > 0) parts.push(`${changes.open} still open`);
  } else {
    parts.push(plural(report.summary.failed, 'failed check'));
  }
  if (report.incomplete) parts.push('INCOMPLETE');
  return parts.join(', ');
}

function findingLine(finding: Finding): string {
  return `• ${finding.severity.toUpperCase()} ${code(finding.ruleId)} on ${code(finding.resourceId)}`;
}

function highlighted(report: Report): { label: string; findings: Finding[] } {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  if (report.changes?.status === 'compared') {
    return { label: 'New', findings: failed.filter((finding) => finding.change === 'new') };
  }
  return { label: 'Failed', findings: failed };
}

export function chatContent(report: Report, reportUrl: string | undefined): ChatContent {
  const s = report.summary;
  const bySeverity = SEVERITIES.filter((severity) => s.bySeverity[severity] > 0)
    .map((severity) => `${s.bySeverity[severity]} ${severity}`)
    .join(', ');
  const lines = [
    `Account ${code(report.accountId)} in ${code(report.region)}: ${text(headline(report))}.`,
    `Failed checks: ${s.failed}${bySeverity ? ` (${bySeverity})` : ''}; unknown: ${s.unknown}; coverage gaps: ${s.coverageGaps}.`,
  ];
  if (report.incomplete) lines.push(`Incomplete: ${text(report.incomplete.reason)}`);
  if (report.changes?.status === 'unavailable') {
    lines.push(`Not compared with the previous report: ${text(report.changes.reason)}`);
  }
  const { label, findings } = highlighted(report);
  if (findings.length > 0) {
    lines.push(`${label}:`, ...findings.slice(0, FINDINGS_SHOWN).map(findingLine));
    if (findings.length > FINDINGS_SHOWN)
      lines.push(`… and ${findings.length - FINDINGS_SHOWN} more in the report.`);
  }
  if (report.changes?.status === 'compared' && report.changes.resolved.length > 0) {
    const resolved = report.changes.resolved;
    lines.push(
      'Resolved:',
      ...resolved.slice(0, FINDINGS_SHOWN).map((f) => `• ${code(f.ruleId)} on ${code(f.resourceId)}`),
    );
    if (resolved.length > FINDINGS_SHOWN) lines.push(`… and ${resolved.length - FINDINGS_SHOWN} more.`);
  }

  const remediations = new Map<string, string>();
  // Worst first, as the report lists them.
  for (const finding of findings) {
    if (!remediations.has(finding.ruleId)) remediations.set(finding.ruleId, finding.remediation);
  }
  const nextSteps = [...remediations]
    .slice(0, NEXT_STEPS_SHOWN)
    .map(([ruleId, remediation]) => limit(`${code(ruleId)}: ${text(remediation)}`, 500));
  nextSteps.push(
    reportUrl === undefined
      ? 'The report could not be stored in S3: see the email alert or the function logs.'
      : `Open the full report: ${text(reportUrl)}`,
  );

  return {
    title: limit(`Lambda VPC audit ${report.accountId} ${report.region}: ${headline(report)}`, 250),
    description: limit(lines.join('\n'), MAX_DESCRIPTION_LENGTH),
    nextSteps,
  };
}

export function renderChatbotNotification(
  report: Report,
  reportUrl: string | undefined,
): ChatbotNotification {
  const content = chatContent(report, reportUrl);
  return {
    version: '1.0',
    source: 'custom',
    content: { textType: 'client-markdown', ...content },
    // One thread per account and region, so nightly alerts stack instead of flooding the channel.
    metadata: { threadId: `lambda-vpc-audit-${report.accountId}-${report.region}`, summary: content.title },
  };
}

/** The same content as a Slack incoming-webhook payload (`text` in Slack's mrkdwn). */
export function renderSlackWebhookPayload(report: Report, reportUrl: string | undefined): { text: string } {
  const content = chatContent(report, reportUrl);
  const steps = content.nextSteps.map((step) => `• ${step}`);
  return { text: [`*${text(content.title)}*`, content.description, '*Next steps*', ...steps].join('\n') };
}
