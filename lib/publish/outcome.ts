import { errorMessage } from '../errors.js';
import type { ReportLink } from '../report/render/alert/email.js';
import type { SnsAlert } from '../report/render/alert/sns-message.js';
import type { AlertDecision } from './alert-policy.js';

/**
 * How a publish target ended, and the steps every target takes alike, for one run's report
 * (lib/publish/publish.ts) and a multi-target run's roll-up (lib/publish/rollup.ts).
 */

export type Failed = { status: 'failed'; error: string };
export type NotConfigured = { status: 'not-configured' };
/** The alert policy decided against sending. */
export type Quiet = { status: 'quiet'; reason: string };

/** `already-sent`: a retried invocation of a run whose alert went out before (lib/publish/alert-ledger.ts). */
export type AlertOutcome =
  | { status: 'sent'; messageId: string; reasons: string[]; listed: number; listable: number; bytes: number }
  | { status: 'already-sent'; messageId: string }
  | Quiet
  | Failed
  | NotConfigured;

/** A target's work; what it throws becomes its failed outcome, so one target failing never stops another. */
export async function attemptTarget<T>(work: () => Promise<T>): Promise<T | Failed> {
  try {
    return await work();
  } catch (error) {
    return { status: 'failed', error: errorMessage(error) };
  }
}

/** Not configured when `target` is undefined; otherwise `work` is attempted with it. */
export async function whenConfigured<Target, T>(
  target: Target | undefined,
  work: (target: Target) => Promise<T>,
): Promise<T | Failed | NotConfigured> {
  if (target === undefined) return { status: 'not-configured' };
  return attemptTarget(() => work(target));
}

/** A notification target: not configured, quiet when the alert policy said not to send, or attempted. */
export async function whenAlerting<Target, T>(
  target: Target | undefined,
  decision: AlertDecision,
  send: (target: Target, reasons: string[]) => Promise<T>,
): Promise<T | Quiet | Failed | NotConfigured> {
  if (target === undefined) return { status: 'not-configured' };
  if (!decision.send) return { status: 'quiet', reason: decision.reason };
  const reasons = decision.reasons;
  return attemptTarget(() => send(target, reasons));
}

/** Where the alert points: the stored report, or why there is none (the alert then carries what it can). */
export function linkTo(
  stored: { status: 'stored'; consoleUrl: string; uri: string } | Failed | NotConfigured,
): ReportLink {
  if (stored.status === 'stored') return { kind: 'stored', consoleUrl: stored.consoleUrl, uri: stored.uri };
  return {
    kind: 'not-stored',
    reason: stored.status === 'failed' ? stored.error : 'no report bucket is configured',
  };
}

/** The sent alert's outcome: SNS's message id, why it went out, and how much it listed in how many bytes. */
export function sentAlert(
  messageId: string,
  alert: SnsAlert,
  reasons: string[],
): Extract<AlertOutcome, { status: 'sent' }> {
  const { listed, listable, bytes } = alert;
  return { status: 'sent', messageId, reasons, listed, listable, bytes };
}
