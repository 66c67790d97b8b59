import { Buffer } from 'node:buffer';
import type { Rollup, RollupTarget } from '../../../model/rollup.js';
import { plural } from '../../assemble/digest.js';
import {
  accountLabel,
  regionLabel,
  rollupVerdict,
  STATUS_LABEL,
  targetNote,
} from '../../assemble/rollup-digest.js';
import { renderRollupText, TARGET_ROWS } from '../text/rollup.js';
import { code, limit, text } from './chatbot.js';
import type { ReportLink } from './email.js';
import { SNS_MAX_MESSAGE_BYTES, SNS_MAX_SUBJECT_LENGTH, type SnsAlert } from './sns-message.js';

/**
 * The one alert of a multi-target run: SNS `default`/`email` carry the text roll-up (which lists the targets
 * needing attention first, at most TARGET_ROWS of them), `https` the Chatbot custom notification. Pure.
 */

const TARGETS_IN_CHAT = 10;
const FINDINGS_IN_CHAT = 5;
const WIDTH = 100;

/** `12 failed checks in 3 of 34 targets, 2 not audited, 1 incomplete`. */
function rollupHeadline(rollup: Rollup): string {
  const t = rollup.totals;
  const affected = rollup.targets.filter((target) => target.status === 'audited' && target.counts.failed > 0);
  const parts = [
    `${plural(t.failedChecks, 'failed check')} in ${affected.length} of ${plural(t.targets, 'target')}`,
  ];
  if (t.failed + t.notAssumable > 0) parts.push(`${t.failed + t.notAssumable} not audited`);
  if (t.incomplete > 0) parts.push(`${t.incomplete} incomplete`);
  return parts.join(', ');
}

function subjectOf(rollup: Rollup): string {
  const ascii = `Lambda VPC audit roll-up: ${rollupHeadline(rollup)}`.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= SNS_MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, SNS_MAX_SUBJECT_LENGTH - 3)}...`;
}

function linkLine(link: ReportLink): string {
  return link.kind === 'stored'
    ? `Full roll-up: ${link.consoleUrl}\n(${link.uri}; each target's report is linked from it)`
    : `The roll-up could not be stored (${link.reason}); it follows as far as an alert can hold it.`;
}

function emailText(rollup: Rollup, link: ReportLink, reasons: readonly string[]): string {
  return [
    `Lambda VPC audit roll-up, run ${rollup.runId}`,
    `Why this alert: ${reasons.join('; ')}.`,
    '',
    linkLine(link),
    '',
    renderRollupText(rollup, { color: false, width: WIDTH }),
  ].join('\n');
}

function chatLine(target: RollupTarget): string {
  const where = `${code(accountLabel(target))} ${code(regionLabel(target))}`;
  if (target.status !== 'audited')
    return `• ${STATUS_LABEL[target.status]} ${where}: ${text(targetNote(target))}`;
  const note = target.incomplete === undefined ? '' : ' (incomplete)';
  return `• ${where}: ${plural(target.counts.failed, 'failed check')}${note}`;
}

function chatbotJson(rollup: Rollup, link: ReportLink): string {
  const attention = rollup.targets.filter(
    (target) => target.status !== 'audited' || target.incomplete !== undefined || target.counts.failed > 0,
  );
  const lines = [text(rollupVerdict(rollup).text)];
  if (attention.length > 0) {
    lines.push('Targets needing attention:', ...attention.slice(0, TARGETS_IN_CHAT).map(chatLine));
    if (attention.length > TARGETS_IN_CHAT) lines.push(`… and ${attention.length - TARGETS_IN_CHAT} more.`);
  }
  const worst = rollup.worstFindings.slice(0, FINDINGS_IN_CHAT);
  if (worst.length > 0) {
    lines.push(
      'Worst findings:',
      ...worst.map(
        (f) =>
          `• ${f.severity.toUpperCase()} ${code(f.ruleId)} on ${code(f.resourceId)} (${code(f.accountId)} ${code(f.region)})`,
      ),
    );
  }
  const title = limit(`Lambda VPC audit roll-up: ${rollupHeadline(rollup)}`, 250);
  return JSON.stringify({
    version: '1.0',
    source: 'custom',
    content: {
      textType: 'client-markdown',
      title,
      description: limit(lines.join('\n'), 2_800),
      nextSteps: [
        link.kind === 'stored'
          ? `Open the roll-up: ${text(link.consoleUrl)}`
          : 'The roll-up could not be stored in S3: see the email alert or the function logs.',
      ],
    },
    // One thread for every roll-up, so nightly alerts stack instead of flooding the channel.
    metadata: { threadId: 'lambda-vpc-audit-rollup', summary: title },
  });
}

function sizeOf(subject: string, message: string): number {
  return Buffer.byteLength(subject, 'utf8') + Buffer.byteLength(message, 'utf8');
}

/** The roll-up's SNS message; the email text is cut (and says so) in the rare case it would pass 256 KB. */
export function renderRollupSnsAlert(
  rollup: Rollup,
  link: ReportLink,
  reasons: readonly string[],
  maxBytes: number = SNS_MAX_MESSAGE_BYTES,
): SnsAlert {
  const subject = subjectOf(rollup);
  const https = chatbotJson(rollup, link);
  let email = emailText(rollup, link, reasons);
  const build = () => JSON.stringify({ default: email, email, https });
  let message = build();
  while (sizeOf(subject, message) > maxBytes && email.length > 0) {
    const over = sizeOf(subject, message) - maxBytes;
    email = `${email.slice(0, Math.max(0, email.length - over - 200))}\n… cut to fit an SNS message: see the stored roll-up.`;
    message = build();
  }
  const listable = rollup.targets.length;
  return {
    subject,
    message,
    bytes: sizeOf(subject, message),
    listed: Math.min(listable, TARGET_ROWS),
    listable,
  };
}
