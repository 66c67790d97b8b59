import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Report } from '../model/report.js';
import type { ReportStore } from './config.js';
import { latestKey } from './s3-keys.js';

/**
 * Which notifications of a run already went out, in one small object beside the run's report: a retried
 * invocation (same run id: a timeout after the alert, a crash before returning) reads it and does not notify
 * twice. Best effort by design: when it cannot be read, the notification is sent (an extra alert beats a missed
 * one); when it cannot be written, a retry may repeat it.
 */
interface AlertLedger {
  runId: string;
  sns?: { messageId: string };
  slack?: { sent: true };
}

/**
 * `<prefix>/<account>/<region>/alerts/<run-id>.json`: beside `latest.json`, out of the dated folders, so whatever
 * reads the reports of a day (a listing, an Athena table over `*.json`) never takes it for one.
 */
function alertLedgerKey(store: ReportStore, report: Report): string {
  return latestKey(store, report.accountId, report.region).replace(
    /latest\.json$/,
    `alerts/${report.runId}.json`,
  );
}

function isLedger(value: unknown, runId: string): value is AlertLedger {
  return typeof value === 'object' && value !== null && Reflect.get(value, 'runId') === runId;
}

/** What this run already sent; empty when nothing was, or when that cannot be told. */
export async function readAlertLedger(
  s3: S3Client,
  store: ReportStore,
  report: Report,
): Promise<AlertLedger> {
  const empty: AlertLedger = { runId: report.runId };
  try {
    const response = await s3.send(
      new GetObjectCommand({ Bucket: store.bucket, Key: alertLedgerKey(store, report) }),
    );
    const parsed: unknown = JSON.parse((await response.Body?.transformToString('utf-8')) ?? '');
    return isLedger(parsed, report.runId) ? parsed : empty;
  } catch {
    return empty;
  }
}

/** Records what was sent; a write that fails only leaves a retry free to repeat it (see above). */
export async function writeAlertLedger(
  s3: S3Client,
  store: ReportStore,
  report: Report,
  ledger: AlertLedger,
): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: store.bucket,
        Key: alertLedgerKey(store, report),
        Body: `${JSON.stringify(ledger)}\n`,
        ContentType: 'application/json; charset=utf-8',
        ...(store.kmsKeyId === undefined
          ? { ServerSideEncryption: 'AES256' }
          : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: store.kmsKeyId, BucketKeyEnabled: true }),
      }),
    );
  } catch {
    // Best effort, as said above.
  }
}
