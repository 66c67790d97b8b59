import type { ReportStore } from './config.js';
import { RUN_ID_DATE } from './s3-keys.js';

/**
 * Where a multi-target run's own objects live, beside the per-target reports (`<prefix>/<account>/...`; an
 * account id is 12 digits, so `rollup` cannot collide with one). Pure.
 */

export interface RollupKeys {
  json: string;
  md: string;
  /** The newest roll-up, for people and tools that want "the last run" without listing. */
  latest: string;
}

function rollupRoot(store: Pick<ReportStore, 'prefix'>): string {
  return [store.prefix, 'rollup'].filter((part) => part !== '').join('/');
}

/** `<prefix>/rollup/<yyyy>/<mm>/<dd>/<run-id>.{json,md}` and `<prefix>/rollup/latest.json`. */
export function rollupKeys(
  store: Pick<ReportStore, 'prefix'>,
  runId: string,
  generatedAt: string,
): RollupKeys {
  const match = RUN_ID_DATE.exec(runId);
  const [yyyy, mm, dd] = match ? match.slice(1, 4) : generatedAt.slice(0, 10).split('-');
  const base = `${rollupRoot(store)}/${yyyy}/${mm}/${dd}/${runId}`;
  return { json: `${base}.json`, md: `${base}.md`, latest: `${rollupRoot(store)}/latest.json` };
}

/** The Step Functions fan-out's working objects of one run: the targets the Map reads, and the plan. */
export function fanOutRunKeys(
  store: Pick<ReportStore, 'prefix'>,
  runId: string,
): { targets: string; plan: string } {
  const base = `${rollupRoot(store)}/runs/${runId}`;
  return { targets: `${base}/targets.json`, plan: `${base}/plan.json` };
}

/** Where the Distributed Map writes its results (Step Functions adds the map run's id below it). */
export function mapResultsPrefix(store: Pick<ReportStore, 'prefix'>): string {
  return `${rollupRoot(store)}/map-results`;
}

/**
 * Where the Step Functions fan-out shares one account's IAM read among the targets of a run
 * (lib/publish/iam-share.ts): the object, and the claim the first target writes.
 */
export function iamShareKeys(
  store: Pick<ReportStore, 'prefix'>,
  runId: string,
  accountId: string,
): { object: string; claim: string } {
  const base = `${rollupRoot(store)}/runs/${runId}/iam/${accountId}`;
  return { object: `${base}.json`, claim: `${base}.claim` };
}
