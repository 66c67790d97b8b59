import type { AuditDeps } from '../audit.js';
import { iamSharedPerAccount } from '../aws/shared-iam.js';
import type { Rollup, TargetOutcome } from '../model/rollup.js';
import type { RollupPublishOutcome } from '../publish/rollup.js';
import { buildRollup } from '../report/assemble/rollup.js';
import type { TargetPlan } from './plan.js';
import { type RollupPublishing, rollUpAndPublish } from './rollup.js';
import { auditTargets, type TargetDone, type TargetRun } from './run.js';
import { auditTarget, type FanOutRun } from './target-audit.js';

/**
 * The multi-target run in one process (the CLI's `--regions`/`--org`, the Lambda function's `regions`): audit
 * each planned target, hand each report to the run's sinks, roll the outcomes up with the targets the plan could
 * not reach, and publish the roll-up. The Step Functions fan-out runs the same steps as separate tasks:
 * planTargets, auditTarget per Map item, rollUpAndPublish.
 */

export interface FanOutOptions {
  onDone?: TargetDone;
  /** Nothing is published without it. */
  publish?: RollupPublishing;
}

export interface FanOutResult {
  runs: TargetRun[];
  /** Every target's line: the audited ones and the unreachable ones of the plan. */
  outcomes: TargetOutcome[];
  rollup: Rollup;
  /** Absent when the run publishes nothing. */
  published?: RollupPublishOutcome;
}

export async function runFanOut(
  plan: TargetPlan,
  run: FanOutRun,
  deps: AuditDeps,
  options: FanOutOptions = {},
): Promise<FanOutResult> {
  // IAM is global: the targets of one account (its Regions) read it once, through one client, in this run.
  const sharedIamOf = iamSharedPerAccount();
  const runs = await auditTargets(
    plan.targets,
    (target) => auditTarget(target, run, deps, sharedIamOf(target.accountId)),
    options.onDone,
  );
  const outcomes = [...runs.map((target) => target.outcome), ...plan.unreachable];
  const rolledUp = options.publish
    ? await rollUpAndPublish(outcomes, run.runId, run.now, options.publish)
    : { rollup: buildRollup({ runId: run.runId, generatedAt: run.now, outcomes }) };
  return { runs, outcomes, ...rolledUp };
}
