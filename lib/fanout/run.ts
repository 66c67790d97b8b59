import type { AuditResult } from '../audit.js';
import { mapWithConcurrency } from '../aws/concurrency.js';
import type { TargetOutcome } from '../model/rollup.js';
import { auditedOutcome, type TargetAudit } from './target-audit.js';
import { unauditedTarget } from './target-error.js';
import type { ResolvedTarget } from './targets.js';

/**
 * Audits many targets in one process (the CLI, and a Lambda invocation given a few `regions`) with a small
 * bounded pool. Each account and region has its own API rate buckets, so targets do not slow each other
 * down much; IAM, being global, is shared by the regions of one account, and memory grows with every
 * snapshot in flight: hence a pool, not one promise per target. One target failing is one failed line.
 */

const TARGET_CONCURRENCY = 4;

export type AuditOneTarget = (target: ResolvedTarget) => Promise<TargetAudit>;

export interface TargetRun {
  target: ResolvedTarget;
  outcome: TargetOutcome;
  /** The full audit, when there was one. */
  result?: AuditResult;
}

/** Called as each target finishes, for progress. */
export type TargetDone = (run: TargetRun, done: number, total: number) => void;

function compareTargets(a: ResolvedTarget, b: ResolvedTarget): number {
  const key = (t: ResolvedTarget) => `${t.region}\u0000${t.accountId}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export async function auditTargets(
  targets: readonly ResolvedTarget[],
  auditOne: AuditOneTarget,
  onDone?: TargetDone,
): Promise<TargetRun[]> {
  // Region by region: the targets running at once are then mostly different accounts, whose buckets
  // (IAM's included) are independent.
  const ordered = [...targets].sort(compareTargets);
  let done = 0;
  return mapWithConcurrency(ordered, TARGET_CONCURRENCY, async (target) => {
    let run: TargetRun;
    try {
      const audited = await auditOne(target);
      run = { target, result: audited.result, outcome: auditedOutcome(target, audited) };
    } catch (error) {
      run = { target, outcome: unauditedTarget(target, 'failed', error) };
    }
    done += 1;
    onDone?.(run, done, ordered.length);
    return run;
  });
}
