import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import type { DiscoveryDeps } from '../collect/discovery.js';
import { planTargets } from '../fanout/plan.js';
import { accountRefOf } from '../fanout/targets.js';
import type { PlannedTarget } from '../model/map-run.js';
import { parseOrThrow } from '../model/validation.js';
import { storePlan } from '../publish/fanout-objects.js';
import { newRunId, runIdFor } from '../run-id.js';
import type { FanOutConfig } from './fanout-config.js';

/**
 * The fan-out's first task: which account and region pairs to audit. Lists the organization's accounts (or
 * takes the configured ones), assumes the member role in each (an account whose role cannot be assumed is
 * recorded for the roll-up, and not audited), lists regions when asked for `all`, and writes the Map's items
 * to S3: a state's input is capped at 256 KB, an organization's targets are not.
 */

export interface PlanDeps {
  config: FanOutConfig;
  logger: Logger;
  s3: S3Client;
  discovery: (runId: string) => DiscoveryDeps;
  now: () => Date;
}

/** What the state machine passes: `$$.Execution.Name` and `$$.Execution.StartTime`, so a retry plans the same run id. */
const PlanEventSchema = z.object({
  executionName: z.optional(z.string().check(z.minLength(1))),
  startTime: z.optional(z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value))))),
});

export interface PlanResponse {
  runId: string;
  bucket: string;
  /** The Map's ItemReader reads this JSON array. */
  targetsKey: string;
  planKey: string;
  targets: number;
  unreachable: number;
}

export function createPlanHandler(deps: PlanDeps) {
  return async function planHandler(event: unknown): Promise<PlanResponse> {
    const { executionName, startTime } = parseOrThrow(PlanEventSchema, event ?? {}, 'plan input');
    const runId =
      executionName !== undefined && startTime !== undefined
        ? runIdFor(new Date(startTime), executionName)
        : newRunId(deps.now());
    deps.logger.setCorrelationId(runId);
    const { config } = deps;
    const plan = await planTargets(config.accounts, config.regions, deps.discovery(runId));
    // The credentials stay here: the Map's items are stored and logged by Step Functions.
    const targets: PlannedTarget[] = plan.targets.map((target) => ({
      ...accountRefOf(target),
      region: target.region,
      ...(target.roleArn === undefined ? {} : { roleArn: target.roleArn }),
    }));
    const keys = await storePlan(deps.s3, config.store, { runId, targets, unreachable: plan.unreachable });
    deps.logger.info('Fan-out planned', { targets: targets.length, unreachable: plan.unreachable.length });
    return {
      runId,
      bucket: config.store.bucket,
      targetsKey: keys.targets,
      planKey: keys.plan,
      targets: targets.length,
      unreachable: plan.unreachable.length,
    };
  };
}
