import { Buffer } from 'node:buffer';
import type { Report } from '../../../model/report.js';
import { headline, renderChatbotNotification } from './chatbot.js';
import { type ReportLink, renderEmail } from './email.js';

/**
 * One SNS Publish for a run, `MessageStructure: json`: `default` and `email` are the plain-text alert,
 * `https` is the Chatbot custom notification (Chatbot subscribes to a topic over HTTPS). Pure.
 */

/** SNS Publish: message at most 256 KB (262,144 bytes of UTF-8). */
export const SNS_MAX_MESSAGE_BYTES = 262_144;
/** SNS Publish: Subject must be under 100 characters, ASCII, no line breaks or control characters. */
export const SNS_MAX_SUBJECT_LENGTH = 99;
/** Findings listed when the report is linked: an alert is read, the report is where the rest is. */
export const LINKED_FINDINGS_LISTED = 50;

export interface SnsAlert {
  subject: string;
  /** The JSON document of the `MessageStructure: json` Publish. */
  message: string;
  /** UTF-8 bytes of subject and message together. */
  bytes: number;
  listed: number;
  listable: number;
}

export interface SnsAlertOptions {
  /** Override for tests; SNS_MAX_MESSAGE_BYTES otherwise. */
  maxBytes?: number;
}

/** Printable ASCII only, on one line, cut to SNS's limit. */
export function snsSubject(report: Report): string {
  const raw = `Lambda VPC audit ${report.accountId} ${report.region}: ${headline(report)}`;
  const ascii = raw.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= SNS_MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, SNS_MAX_SUBJECT_LENGTH - 3)}...`;
}

function build(report: Report, link: ReportLink, maxListed: number, subject: string) {
  const email = renderEmail(report, { link, maxListed });
  const chatbot = renderChatbotNotification(report, link.kind === 'stored' ? link.consoleUrl : undefined);
  const message = JSON.stringify({ default: email.text, email: email.text, https: JSON.stringify(chatbot) });
  const bytes = Buffer.byteLength(message, 'utf8') + Buffer.byteLength(subject, 'utf8');
  return { subject, message, bytes, listed: email.listed, listable: email.listable };
}

/**
 * The alert, listing as many findings as fit: up to LINKED_FINDINGS_LISTED when the report is linked, all
 * of them when it could not be stored (the alert is then the only copy), fewer when 256 KB is reached. The
 * text then says how many were left out and where the full report is.
 */
export function renderSnsAlert(report: Report, link: ReportLink, options: SnsAlertOptions = {}): SnsAlert {
  const maxBytes = options.maxBytes ?? SNS_MAX_MESSAGE_BYTES;
  const subject = snsSubject(report);
  const first = build(
    report,
    link,
    link.kind === 'stored' ? LINKED_FINDINGS_LISTED : Number.MAX_SAFE_INTEGER,
    subject,
  );
  if (first.bytes <= maxBytes) return first;
  // The largest count that fits: the size grows with the count, so a binary search finds it.
  let low = 0;
  let high = first.listed;
  let best = build(report, link, 0, subject);
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = build(report, link, middle, subject);
    if (candidate.bytes <= maxBytes) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}
