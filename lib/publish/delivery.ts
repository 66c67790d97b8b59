import type { PublishOutcome } from './publish.js';

/**
 * Why a scheduled run must fail, so that Lambda retries it with the same event (same run id, same S3 keys) and,
 * failing again, keeps the event in the failed-runs queue: its alert was due and did not go out, or its report
 * reached neither S3 nor anyone's inbox. Null when a retry could only repeat what was delivered: a report
 * stored and its alert sent (or not due), or an alert sent that carries the findings the bucket refused.
 */
export function undeliveredReason(outcome: PublishOutcome): string | null {
  const { s3, sns } = outcome;
  if (sns.status === 'failed') return `its alert was not sent (${sns.error})`;
  const alerted = sns.status === 'sent' || sns.status === 'already-sent';
  if (s3.status === 'failed' && !alerted)
    return `its report was not stored (${s3.error}) and no alert carried it`;
  return null;
}
