import { consoleHost } from '../model/partition.js';
import type { ReportStore } from './config.js';

/** Where one run's report objects live. Pure. */
export interface ReportKeys {
  json: string;
  html: string;
  md: string;
  /** The baseline the next run compares with. */
  latest: string;
}

/** Run ids start with their UTC start time (`20261124T030000Z-1a2b3c4d`, lib/run-id.ts). */
export const RUN_ID_DATE = /^(\d{4})(\d{2})(\d{2})T\d{6}Z/;

function accountRoot(store: ReportStore, accountId: string, region: string): string {
  return [store.prefix, accountId, region].filter((part) => part !== '').join('/');
}

/**
 * `<prefix>/<account>/<region>/<yyyy>/<mm>/<dd>/<run-id>.{json,html,md}`. The date comes from the run id,
 * so the same run id always gives the same keys (a retried invocation overwrites, never duplicates); a run
 * id of another shape falls back to the report's time.
 */
export function reportKeys(
  store: ReportStore,
  accountId: string,
  region: string,
  runId: string,
  generatedAt: string,
): ReportKeys {
  const match = RUN_ID_DATE.exec(runId);
  const [yyyy, mm, dd] = match ? match.slice(1, 4) : generatedAt.slice(0, 10).split('-');
  const root = accountRoot(store, accountId, region);
  const base = `${root}/${yyyy}/${mm}/${dd}/${runId}`;
  return {
    json: `${base}.json`,
    html: `${base}.html`,
    md: `${base}.md`,
    latest: latestKey(store, accountId, region),
  };
}

export function latestKey(store: ReportStore, accountId: string, region: string): string {
  return `${accountRoot(store, accountId, region)}/latest.json`;
}

/** The object as an `s3://` URI and as an AWS console link (the bucket is private: a person signs in). */
export function objectLocation(
  bucket: string,
  key: string,
  region: string,
): { uri: string; consoleUrl: string } {
  const query = new URLSearchParams({ region, bucketType: 'general', prefix: key });
  return {
    uri: `s3://${bucket}/${key}`,
    consoleUrl: `https://${consoleHost(region)}/s3/object/${encodeURIComponent(bucket)}?${query.toString()}`,
  };
}
