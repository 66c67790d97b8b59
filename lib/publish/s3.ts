import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import { errorMessage, PublishError } from '../errors.js';
import { RESOURCE_TYPES, SEVERITIES } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { describeIssues } from '../model/validation.js';
import type { Baseline, PreviousReport } from '../report/assemble/diff.js';
import { renderHtml } from '../report/render/html/html.js';
import { renderJson } from '../report/render/json.js';
import { renderMarkdown } from '../report/render/markdown/markdown.js';
import type { ReportStore } from './config.js';
import { describeError } from './describe-error.js';
import { latestKey, objectLocation, type ReportKeys, reportKeys } from './s3-keys.js';

/** What S3 reads and writes: the report objects of a run and the `latest.json` baseline. */

/** The part of `latest.json` the diff needs; anything else in it is ignored. */
const PreviousReportSchema = z.looseObject({
  reportVersion: z.literal(1),
  runId: z.string(),
  generatedAt: z.string(),
  findings: z.array(
    z.looseObject({
      key: z.string(),
      ruleId: z.string(),
      title: z.string(),
      status: z.enum(['fail', 'unknown']),
      severity: z.enum(SEVERITIES),
      resourceType: z.enum(RESOURCE_TYPES),
      resourceId: z.string(),
      functionName: z.optional(z.string()),
      message: z.string(),
      firstSeen: z.optional(z.string()),
    }),
  ),
  changes: z.optional(
    z.looseObject({
      status: z.string(),
      previous: z.optional(z.nullable(z.looseObject({ runId: z.string(), generatedAt: z.string() }))),
    }),
  ),
});

const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
} as const;

function isMissingKey(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}

type ReadResult = { kind: 'found'; report: PreviousReport } | { kind: 'missing' };

async function readReport(s3: S3Client, bucket: string, key: string): Promise<ReadResult> {
  let body: string | undefined;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    body = await response.Body?.transformToString('utf-8');
  } catch (error) {
    if (isMissingKey(error)) return { kind: 'missing' };
    throw new PublishError(`Cannot read s3://${bucket}/${key}: ${describeError(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch (error) {
    throw new PublishError(`s3://${bucket}/${key} is not JSON: ${errorMessage(error)}`, { cause: error });
  }
  const parsed = z.safeParse(PreviousReportSchema, json);
  if (!parsed.success) {
    throw new PublishError(
      `s3://${bucket}/${key} is not a report this version can compare with:\n${describeIssues(parsed.error, '  ')}`,
    );
  }
  return { kind: 'found', report: parsed.data };
}

/**
 * The previous report of this account and region: `latest.json`. Never throws: no object is the first
 * run; anything else (access denied, unreadable) makes the baseline unavailable, and the run goes on.
 * When `latest.json` is this very run (a retried invocation that stored it before failing), the run it
 * was compared with is read instead, so a retry reports the same changes as the first attempt.
 */
export async function readBaseline(
  s3: S3Client,
  store: ReportStore,
  accountId: string,
  region: string,
  runId: string,
): Promise<Baseline> {
  try {
    const latest = await readReport(s3, store.bucket, latestKey(store, accountId, region));
    if (latest.kind === 'missing') return { kind: 'none' };
    if (latest.report.runId !== runId) return { kind: 'report', report: latest.report };
    const before = latest.report.changes?.previous;
    if (!before) return { kind: 'none' };
    const key = reportKeys(store, accountId, region, before.runId, before.generatedAt).json;
    const earlier = await readReport(s3, store.bucket, key);
    return earlier.kind === 'found' ? { kind: 'report', report: earlier.report } : { kind: 'none' };
  } catch (error) {
    return { kind: 'unavailable', reason: errorMessage(error) };
  }
}

/** An audit's `baseline` (lib/audit.ts): the previous report of whichever account and region the snapshot is. */
export function baselineFrom(s3: S3Client, store: ReportStore, runId: string) {
  return (meta: { accountId: string; region: string }): Promise<Baseline> =>
    readBaseline(s3, store, meta.accountId, meta.region, runId);
}

export interface StoredReport {
  bucket: string;
  keys: ReportKeys;
  /** False when the run must not become the next baseline (see `becomesBaseline`). */
  latestUpdated: boolean;
  /** The HTML page, for people. */
  uri: string;
  consoleUrl: string;
}

/**
 * Only a complete run over every function, compared with its predecessor, replaces `latest.json`: a
 * partial one would make what it did not see look resolved next time, and an uncompared one would drop
 * the first-seen times.
 */
export function becomesBaseline(report: Report): boolean {
  return report.changes?.status === 'compared' && !report.incomplete && report.functionFilter === undefined;
}

/** How the store's objects are encrypted: SSE-KMS with its key, SSE-S3 without. */
export function encryptionOf(store: ReportStore) {
  return store.kmsKeyId === undefined
    ? { ServerSideEncryption: 'AES256' as const }
    : { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: store.kmsKeyId, BucketKeyEnabled: true };
}

export async function put(s3: S3Client, store: ReportStore, key: string, body: string, contentType: string) {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: store.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...encryptionOf(store),
      }),
    );
  } catch (error) {
    throw new PublishError(`Cannot write s3://${store.bucket}/${key}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** Writes the JSON, HTML and Markdown of the run, then `latest.json` when the run becomes the baseline. */
export async function storeReport(s3: S3Client, store: ReportStore, report: Report): Promise<StoredReport> {
  const keys = reportKeys(store, report.accountId, report.region, report.runId, report.generatedAt);
  const json = renderJson(report);
  await Promise.all([
    put(s3, store, keys.json, json, CONTENT_TYPES.json),
    put(s3, store, keys.html, renderHtml(report), CONTENT_TYPES.html),
    put(s3, store, keys.md, renderMarkdown(report), CONTENT_TYPES.md),
  ]);
  // Last, so the baseline is never a report whose other objects are missing.
  const latestUpdated = becomesBaseline(report);
  if (latestUpdated) await put(s3, store, keys.latest, json, CONTENT_TYPES.json);
  return {
    bucket: store.bucket,
    keys,
    latestUpdated,
    ...objectLocation(store.bucket, keys.html, report.region),
  };
}
