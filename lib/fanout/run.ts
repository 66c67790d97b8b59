import type { AuditResult } from '../audit.js';
import { mapWithConcurrency } from '../aws/concurrency.js';
import type { TargetOutcome } from '../model/rollup.js';
import { targetOutcomeOf } from '../report/assemble/rollup.js';
import { targetErrorOf } from './target-error.js';
import type { ResolvedTarget } from './targets.js';

/**
 * Audits many targets in one process (the CLI, and a Lambda invocation given a few `regions`) with a small
 * bounded pool. Each account and region has its own API rate buckets, so targets do not slow each other
 * down much; IAM, being global, is shared by the regions of one account, and memory grows with every
 * snapshot in flight: hence a pool, not one promise per target. One target failing is one failed line.
 */

const TARGET_CONCURRENCY = 4;

/** What auditing one target produced, besides its report: where it went and why it would alert. */
export interface TargetAuditResult {
  result: AuditResult;
  location?: string;
  alertReasons?: string[];
}

export type AuditOneTarget = (target: ResolvedTarget) => Promise<TargetAuditResult>;

export interface TargetRun {
  target: ResolvedTarget;
  outcome: TargetOutcome;
  /** The full audit, when there was one. */
  result?: AuditResult;
}

export interface AuditTargetsOptions {
  /** Called as each target finishes, for progress. */
  onDone?: (run: TargetRun, done: number, total: number) => void;
}

function compareTargets(a: ResolvedTarget, b: ResolvedTarget): number {
  const key = (t: ResolvedTarget) => `${t.region}\u0000${t.accountId}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export async function auditTargets(
  targets: readonly ResolvedTarget[],
  auditOne: AuditOneTarget,
  options: AuditTargetsOptions = {},
): Promise<TargetRun[]> {
  // Region by region: the targets running at once are then mostly different accounts, whose buckets
  // (IAM's included) are independent.
  const ordered = [...targets].sort(compareTargets);
  let done = 0;
  return mapWithConcurrency(ordered, TARGET_CONCURRENCY, async (target) => {
    const ref = {
      accountId: target.accountId,
      ...(target.accountName === undefined ? {} : { accountName: target.accountName }),
    };
    let run: TargetRun;
    try {
      const audited = await auditOne(target);
      run = {
        target,
        result: audited.result,
        outcome: targetOutcomeOf(audited.result.report, ref, {
          ...(audited.location === undefined ? {} : { location: audited.location }),
          ...(audited.alertReasons === undefined ? {} : { alertReasons: audited.alertReasons }),
        }),
      };
    } catch (error) {
      run = {
        target,
        outcome: { ...ref, region: target.region, status: 'failed', error: targetErrorOf(error) },
      };
    }
    done += 1;
    options.onDone?.(run, done, ordered.length);
    return run;
  });
}
